import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface InputOptions {
  value?: string;
  prompt?: string;
  placeHolder?: string;
  validate?: (value: string) => string | undefined;
}

/** Asks the user through quick picks and input boxes (in tests, a scripted subclass answers instead: see testApi). */
export class Prompter {
  async pick<T>(title: string, items: ReadonlyArray<PickItem<T>>, placeHolder?: string): Promise<T | undefined> {
    return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, ignoreFocusOut: true }))?.value;
  }

  async pickMany<T>(title: string, items: ReadonlyArray<PickItem<T>>, placeHolder?: string): Promise<T[] | undefined> {
    return pickManyOrTheHighlighted(items, title, placeHolder);
  }

  async input(title: string, options: InputOptions = {}): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title,
      value: options.value,
      prompt: options.prompt,
      placeHolder: options.placeHolder,
      ignoreFocusOut: true,
      validateInput: options.validate,
    });
  }
}

/**
 * A multiple choice where typing a name and pressing Enter, as in a single choice, adds the row it
 * highlights to those checked, instead of recording nothing. Rows marked `picked` start checked.
 */
function pickManyOrTheHighlighted<T>(items: ReadonlyArray<PickItem<T>>, title: string, placeHolder?: string): Promise<T[] | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<PickItem<T>>();
    quickPick.title = title;
    quickPick.placeholder = placeHolder ?? vscode.l10n.t('Check any that apply (Space), or type a name and press Enter');
    quickPick.canSelectMany = true;
    quickPick.matchOnDescription = true;
    quickPick.ignoreFocusOut = true;
    quickPick.items = items;
    quickPick.selectedItems = items.filter((item) => item.picked);
    let settled = false;
    const finish = (value: T[] | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      quickPick.dispose();
    };
    // A multiple choice does not highlight a row as the user types: highlight the best match, which Enter adds.
    quickPick.onDidChangeValue((value) => {
      const match = bestMatch(items, value);
      if (match) quickPick.activeItems = [match];
    });
    quickPick.onDidAccept(() => {
      // The checked rows, and the row a typed name highlights (checked or not).
      const chosen = new Set(quickPick.selectedItems);
      const typed = quickPick.value.trim() ? (quickPick.activeItems[0] ?? bestMatch(items, quickPick.value)) : undefined;
      if (typed) chosen.add(typed);
      finish(items.filter((item) => chosen.has(item)).map((item) => item.value));
    });
    quickPick.onDidHide(() => finish(undefined));
    quickPick.show();
  });
}

/** The row a typed name means: its label exactly, else the first label that starts with it, else the first that contains it (case aside). */
function bestMatch<T>(items: ReadonlyArray<PickItem<T>>, typed: string): PickItem<T> | undefined {
  const wanted = typed.trim().toLocaleLowerCase();
  if (!wanted) return undefined;
  const label = (item: PickItem<T>) => item.label.toLocaleLowerCase();
  return items.find((item) => label(item) === wanted) ?? items.find((item) => label(item).startsWith(wanted)) ?? items.find((item) => label(item).includes(wanted));
}

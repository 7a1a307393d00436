import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** An answer a test gives to the next prompt: an item's label (or labels, for a multiple choice), text for an input box, or undefined to cancel. */
export type PromptAnswer = string | string[] | undefined;

/**
 * Asks the user through quick picks and input boxes. Tests running in the extension host cannot type
 * into them, so they queue answers (through the extension's API) that the next prompts take instead,
 * with the same validation as the user's input.
 */
export class Prompter {
  private readonly queued: PromptAnswer[] = [];
  /** Once a test answers prompts, a prompt it did not answer fails instead of waiting for a person. */
  private answeredByTests = false;
  /** The titles of the prompts shown so far, newest last (for tests). */
  readonly asked: string[] = [];

  answerNext(answers: readonly PromptAnswer[]): void {
    this.answeredByTests = true;
    this.queued.push(...answers);
  }

  /** Drops answers that no prompt took (a test that failed half-way leaves some). */
  clearAnswers(): void {
    this.queued.length = 0;
  }

  private unanswered(title: string): void {
    if (this.answeredByTests) throw new Error(`The prompt "${title}" was not answered by the test.`);
  }

  async pick<T>(title: string, items: ReadonlyArray<PickItem<T>>, placeHolder?: string): Promise<T | undefined> {
    this.asked.push(title);
    if (this.queued.length > 0) {
      const answer = this.queued.shift();
      if (answer === undefined) return undefined;
      const item = items.find((candidate) => candidate.label === answer);
      if (!item) throw new Error(`"${String(answer)}" is not a choice of "${title}": ${items.map((i) => i.label).join(', ')}`);
      return item.value;
    }
    this.unanswered(title);
    return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, ignoreFocusOut: true }))?.value;
  }

  async pickMany<T>(title: string, items: ReadonlyArray<PickItem<T>>, placeHolder?: string): Promise<T[] | undefined> {
    this.asked.push(title);
    if (this.queued.length > 0) {
      const answer = this.queued.shift();
      if (answer === undefined) return undefined;
      const labels = Array.isArray(answer) ? answer : [answer];
      return items.filter((item) => labels.includes(item.label)).map((item) => item.value);
    }
    this.unanswered(title);
    return pickManyOrTheHighlighted(items, title, placeHolder);
  }

  async input(title: string, options: { value?: string; prompt?: string; placeHolder?: string; validate?: (value: string) => string | undefined } = {}): Promise<string | undefined> {
    this.asked.push(title);
    if (this.queued.length > 0) {
      const answer = this.queued.shift();
      if (answer === undefined) return undefined;
      const text = Array.isArray(answer) ? answer.join(' ') : answer;
      const problem = options.validate?.(text);
      if (problem) throw new Error(`"${text}" is not a valid answer to "${title}": ${problem}`);
      return text;
    }
    this.unanswered(title);
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
    quickPick.placeholder = placeHolder ?? 'Check any that apply (Space), or type a name and press Enter';
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

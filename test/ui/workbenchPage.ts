import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

// Drives the code-server workbench the way a person does: keyboard, mouse and what is on screen.
// The selectors are those that work on VS Code 1.100 (shared/notes/real-vscode-here.md).

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/**
 * For a mocha suite: launches Debian's Chromium and opens the workbench before its tests, closes both
 * after them. Returns a getter for the open workbench.
 */
export function useWorkbench(): () => WorkbenchPage {
  let browser: Browser | undefined;
  let workbench: WorkbenchPage | undefined;
  before(async () => {
    browser = await chromium.launch({ executablePath: process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    workbench = await WorkbenchPage.open(browser, uiEnvironment());
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench is not open');
    return workbench;
  };
}

export interface UiEnvironment {
  url: string;
  workspace: string;
  screenshots: string;
}

export function uiEnvironment(): UiEnvironment {
  const url = process.env.MARGINALIA_UI_URL;
  const workspace = process.env.MARGINALIA_UI_WORKSPACE;
  if (!url || !workspace) throw new Error('Run the UI tests through `npm run test:ui`, which starts code-server.');
  const screenshots = process.env.MARGINALIA_SCREENSHOTS ?? join(process.cwd(), 'test-results', 'screenshots');
  mkdirSync(screenshots, { recursive: true });
  return { url, workspace, screenshots };
}

/** Where a word is on screen, and the colours of the decorations painted over it. */
export interface WordOnScreen {
  text: string;
  backgrounds: string[];
}

export class WorkbenchPage {
  private constructor(
    readonly page: Page,
    private readonly environment: UiEnvironment,
  ) {}

  static async open(browser: Browser, environment: UiEnvironment): Promise<WorkbenchPage> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${environment.url}/?folder=${encodeURIComponent(environment.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new WorkbenchPage(page, environment);
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  /** Opens a file with Quick Open (Ctrl+P), as a person would. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await this.page.waitForTimeout(300);
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab[aria-label^="${name}"]`).first().waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-lines .view-line').first().waitFor();
  }

  /** Shows a view container from the activity bar and returns the labels of one view's rows. */
  async viewRows(containerId: string, activityTitle: string, viewName: string, ready: (rows: string[]) => boolean = () => true): Promise<string[]> {
    const pane = this.viewPane(containerId, viewName);
    if (!(await pane.isVisible().catch(() => false))) {
      // The item, badge and all (the suggestions' count lies over its icon), as a person clicks it.
      await this.page.locator('.activitybar .action-item', { has: this.page.locator(`a[aria-label^="${activityTitle}"]`) }).click();
    }
    await pane.waitFor({ timeout: 15_000 });
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const rows = pane.locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    // The list recycles its row elements, so their order in the DOM is not the order on screen: rows are
    // read in the order of their index. A tree shows its top rows before the children of expanded ones
    // arrive, and may lay itself out again when the view above it changes: wait for what the caller
    // needs, and for two readings in a row to agree.
    const read = () =>
      rows.evaluateAll((elements) =>
        elements
          .map((element) => ({ index: Number(element.getAttribute('data-index') ?? 0), label: element.getAttribute('aria-label') ?? element.textContent ?? '' }))
          .sort((a, b) => a.index - b.index)
          .map((row) => row.label),
      );
    let labels = await read();
    let previous: string[] = [];
    for (let tries = 0; tries < 150 && !(ready(labels) && labels.join('\n') === previous.join('\n')); tries++) {
      await this.page.waitForTimeout(100);
      previous = labels;
      labels = await read();
    }
    return labels;
  }

  /** One view (pane) of a view container, by its name. */
  viewPane(containerId: string, viewName: string) {
    return this.page.locator(`[id="workbench.view.extension.${containerId}"] .pane`, { has: this.page.locator('.pane-header .title', { hasText: new RegExp(`^${viewName}$`, 'i') }) });
  }

  /** Runs a command from the palette (F1) by its title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    // The row of exactly this command, by its accessible name: Enter would run whichever row is first
    // ("Close All Editors in Group" matches "Close All Editors" too, and recently used commands come first).
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w ]*\\w)`);
    let index = -1;
    let labels: string[] = [];
    for (let tries = 0; tries < 100 && index === -1; tries++) {
      if (tries > 0) await this.page.waitForTimeout(100);
      labels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
      index = labels.findIndex((label) => exact.test(label.split(',')[0].trim()));
    }
    if (index === -1) throw new Error(`No command "${title}" in the palette; its rows: ${JSON.stringify(labels)}`);
    await rows.nth(index).click();
  }

  /**
   * For each visible occurrence of `word` in the editor (within `context`, when given), the background
   * colours of the decorations drawn over it (empty when nothing is highlighted there).
   */
  async decorationsOver(word: string, context = word): Promise<WordOnScreen[]> {
    return this.page.evaluate(({ word: needle, context }) => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return [];
      const decorations = [...editor.querySelectorAll<HTMLElement>('[class*="ced-"]')]
        .map((element) => ({ rect: element.getBoundingClientRect(), background: getComputedStyle(element).backgroundColor }))
        .filter(({ background }) => background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent');
      const results: Array<{ text: string; backgrounds: string[] }> = [];
      for (const line of editor.querySelectorAll<HTMLElement>('.view-lines .view-line')) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let text = '';
        const nodes: Array<{ node: Text; start: number }> = [];
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          nodes.push({ node, start: text.length });
          text += node.data;
        }
        // Monaco renders spaces as non-breaking spaces.
        const plain = text.replace(/\u00a0/g, ' ');
        for (let found = plain.indexOf(context); found !== -1; found = plain.indexOf(context, found + 1)) {
          const at = found + context.indexOf(needle);
          const range = document.createRange();
          const locate = (offset: number) => {
            const holder = [...nodes].reverse().find((entry) => entry.start <= offset)!;
            return { node: holder.node, offset: offset - holder.start };
          };
          const start = locate(at);
          const end = locate(at + needle.length - 1);
          range.setStart(start.node, start.offset);
          range.setEnd(end.node, end.offset + 1);
          const word = range.getBoundingClientRect();
          const middleX = word.left + word.width / 2;
          const middleY = word.top + word.height / 2;
          const backgrounds = decorations
            .filter(({ rect }) => rect.left <= middleX && rect.right >= middleX && rect.top <= middleY && rect.bottom >= middleY)
            .map(({ background }) => background);
          results.push({ text: needle, backgrounds });
        }
      }
      return results;
    }, { word, context });
  }

  /** The outline styles of the decorations drawn round the first visible `word` (within `context`): "dotted", "dashed". */
  async outlinesOver(word: string, context = word): Promise<string[][]> {
    return this.decorationStylesOver(word, context, 'outlineStyle');
  }

  /** The underline (bottom border) styles of the decorations drawn under the first visible `word` (within `context`). */
  async underlinesOver(word: string, context = word): Promise<string[][]> {
    return this.decorationStylesOver(word, context, 'borderBottomStyle');
  }

  private async decorationStylesOver(word: string, context: string, property: 'outlineStyle' | 'borderBottomStyle'): Promise<string[][]> {
    const box = await this.wordOnScreen(word, context);
    return this.page.evaluate(({ x, y, property }) => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return [];
      const over = [...editor.querySelectorAll<HTMLElement>('[class*="ced-"]')].filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.left <= x && rect.right >= x && rect.top <= y && rect.bottom >= y;
      });
      return [over.map((element) => getComputedStyle(element)[property]).filter((style) => style !== 'none')];
    }, { ...box, property });
  }

  /**
   * Waits until the editor shows highlights (decorations with a background: mentions and claims, not
   * the suggestions' outlines): more than `atLeast` of them, or none when `atLeast` is 0 and `none` is set.
   */
  async waitForHighlights(atLeast: number, { none = false, timeoutMs = 30_000 } = {}): Promise<void> {
    await this.page.waitForFunction(
      ({ atLeast, none }) => {
        const count = [...document.querySelectorAll<HTMLElement>('.editor-instance [class*="ced-"]')].filter((element) => {
          const background = getComputedStyle(element).backgroundColor;
          return background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent';
        }).length;
        return none ? count === 0 : count > atLeast;
      },
      { atLeast, none },
      { timeout: timeoutMs },
    );
  }

  /** Rests the mouse on a word in the editor and returns the hover card's text. */
  async hoverOver(word: string): Promise<string> {
    const box = await this.wordOnScreen(word, word);
    await this.page.mouse.move(box.x, box.y);
    const hover = this.page.locator('.monaco-hover:visible .monaco-hover-content');
    await hover.first().waitFor({ timeout: 15_000 });
    await this.page.waitForTimeout(300);
    return (await hover.allInnerTexts()).join('\n');
  }

  /** Double-clicks a word in the editor (within `context`, when given), which selects it, as a person would. */
  async selectWord(word: string, context = word): Promise<void> {
    const box = await this.wordOnScreen(word, context);
    await this.page.mouse.dblclick(box.x, box.y);
  }

  /** The middle of the first visible `word` that stands within `context` in one piece of rendered text. */
  private async wordOnScreen(word: string, context: string): Promise<{ x: number; y: number }> {
    const box = await this.page.evaluate(({ needle, context }) => {
      for (const line of document.querySelectorAll<HTMLElement>('.editor-instance .monaco-editor .view-lines .view-line')) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          // Monaco renders spaces as non-breaking spaces.
          const found = node.data.replace(/\u00a0/g, ' ').indexOf(context);
          if (found === -1) continue;
          const at = found + context.indexOf(needle);
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + needle.length);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      return undefined;
    }, { needle: word, context });
    if (!box) throw new Error(`"${word}"${context === word ? '' : ` in "${context}"`} is not on screen`);
    return box;
  }

  /**
   * Answers the open quick input: types the text (into an input box, or to filter a list) and presses
   * Enter; then waits for that prompt to go (or give way to the next), so that the next answer never
   * lands in a prompt that is closing. (Typed while one closes, it went into the editor, and replaced
   * the selected word in the article.)
   */
  async answerQuickInput(text: string | undefined): Promise<void> {
    const input = this.page.locator('.quick-input-widget:visible input');
    await input.waitFor();
    // The keys go where the focus is: wait until it is in the prompt.
    await this.page.waitForFunction(() => document.activeElement?.closest('.quick-input-widget') !== null && document.activeElement?.closest('.quick-input-widget') !== undefined, undefined, { timeout: 10_000 });
    const title = await this.quickInputTitle();
    if (text !== undefined) await input.fill(text);
    await this.page.waitForTimeout(200);
    await this.page.keyboard.press('Enter');
    for (let tries = 0; tries < 50; tries++) {
      const visible = (await this.page.locator('.quick-input-widget:visible').count()) > 0;
      if (!visible || (await this.quickInputTitle()) !== title) return;
      await this.page.waitForTimeout(100);
    }
  }

  private async quickInputTitle(): Promise<string> {
    const titles = await this.page.locator('.quick-input-widget:visible .quick-input-title').allInnerTexts();
    // Read as it is now: getAttribute would wait (30 s) for an input that the prompt, closing, no longer shows.
    const placeholders = await this.page.locator('.quick-input-widget:visible input').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('placeholder') ?? ''));
    return `${titles.join('|')}#${placeholders.join('|')}`;
  }

  /** Waits for a frame (webviews nest frames) that satisfies `accept`. */
  async waitForFrame(accept: (frame: Frame) => Promise<boolean>, timeoutMs: number): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (await accept(frame).catch(() => false)) return frame;
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error('no frame matched in time');
  }

  async screenshot(name: string): Promise<string> {
    const path = join(this.environment.screenshots, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

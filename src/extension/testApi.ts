import * as vscode from 'vscode';
import type { MarginaliaApi } from './extension';
import type { ClaimsView } from './claimsView';
import type { CorpusService } from './corpusService';
import type { EntitiesView } from './entitiesView';
import type { MentionDecorator, PaintedMentions, PaintTiming } from './mentionDecorator';
import { Prompter, type InputOptions, type PickItem } from './prompter';
import type { SharingCommands } from './sharingCommands';
import type { Suggestion } from '../model/suggestions/suggestion';
import type { SuggestionService } from './suggestionService';
import type { SuggestionDecorator, SuggestionsView } from './suggestionsView';

// What Marginalia's own extension-host tests and benchmark need beyond the public API, given only when
// VS Code runs the extension for tests (ExtensionMode.Test): nothing here exists, or keeps any state,
// when it runs for a user.

/** An answer a test gives to the next prompt: an item's label (or labels, for a multiple choice), text for an input box, or undefined to cancel. */
export type PromptAnswer = string | string[] | undefined;

export interface TreeRow {
  label: string;
  description?: string;
  children: TreeRow[];
}

export interface MarginaliaTestApi extends MarginaliaApi {
  /** The mention ranges last painted in an editor, by entity kind. */
  paintedMentions(editor: vscode.TextEditor): PaintedMentions | undefined;
  /** How long recent repaints took on the extension host, in milliseconds, newest last (for the benchmark). */
  paintTimings(): readonly PaintTiming[];
  /** The Claims view's rows as its provider gives them, nested: label, description, children. */
  claimsViewRows(): Promise<TreeRow[]>;
  /** The labels of the rows selected in the Claims view. */
  claimsViewSelection(): string[];
  /** The Entities view's rows, nested as the Claims view's are. */
  entitiesViewRows(): Promise<TreeRow[]>;
  /** Resolves once the workspace's corpus has been indexed and no change is waiting to be. */
  corpusReady(): Promise<void>;
  /** Answers the next quick picks and input boxes of Marginalia's commands with these, in order. */
  answerNextPrompts(answers: readonly PromptAnswer[]): void;
  /** Drops the answers no prompt took. */
  clearPromptAnswers(): void;
  /** The message with which the last Marginalia command refused to change anything. */
  lastRefusal(): string | undefined;
  /** The titles of the prompts Marginalia's commands have shown, oldest first. */
  promptsAsked(): readonly string[];
  /** The HTML of the reading page open for an article, if one is. */
  readingPageHtml(articleUri: vscode.Uri): string | undefined;
  /** How long the extension took to start: its bundle's loading (from its first line) and activate(), in milliseconds. */
  activationTiming(): ActivationTiming;
  /** The current article's suggestions, once made for its current text (undefined when none are made: off, or no article). */
  suggestions(): Promise<readonly Suggestion[] | undefined>;
  /** The Suggestions view's rows, nested as the Claims view's are. */
  suggestionsViewRows(): Promise<TreeRow[]>;
  /** The ranges of suggestions last drawn in an editor: names, exclusions, claims. */
  paintedSuggestions(editor: vscode.TextEditor): { names: vscode.Range[]; exclusions: vscode.Range[]; claims: vscode.Range[] } | undefined;
}

export interface ActivationTiming {
  loadMs?: number;
  activateMs: number;
}

/**
 * Prompts that tests answer: extension-host tests cannot type into quick picks and input boxes, so they
 * queue answers that the next prompts take, with the same validation as the user's input. Once a test
 * answers prompts, a prompt it did not answer fails instead of waiting for a person.
 */
export class ScriptedPrompter extends Prompter {
  private readonly queued: PromptAnswer[] = [];
  private answeredByTests = false;
  readonly asked: string[] = [];

  answerNext(answers: readonly PromptAnswer[]): void {
    this.answeredByTests = true;
    this.queued.push(...answers);
  }

  clearAnswers(): void {
    this.queued.length = 0;
  }

  /** The next queued answer, if there is one; throws if tests answer prompts and did not answer this one. */
  private next(title: string): { answer: PromptAnswer } | undefined {
    this.asked.push(title);
    if (this.queued.length > 0) return { answer: this.queued.shift() };
    if (this.answeredByTests) throw new Error(`The prompt "${title}" was not answered by the test.`);
    return undefined;
  }

  override async pick<T>(title: string, items: ReadonlyArray<PickItem<T>>, placeHolder?: string): Promise<T | undefined> {
    const scripted = this.next(title);
    if (!scripted) return super.pick(title, items, placeHolder);
    if (scripted.answer === undefined) return undefined;
    const item = items.find((candidate) => candidate.label === scripted.answer);
    if (!item) throw new Error(`"${String(scripted.answer)}" is not a choice of "${title}": ${items.map((i) => i.label).join(', ')}`);
    return item.value;
  }

  override async pickMany<T>(title: string, items: ReadonlyArray<PickItem<T>>, placeHolder?: string): Promise<T[] | undefined> {
    const scripted = this.next(title);
    if (!scripted) return super.pickMany(title, items, placeHolder);
    if (scripted.answer === undefined) return undefined;
    const labels = Array.isArray(scripted.answer) ? scripted.answer : [scripted.answer];
    return items.filter((item) => labels.includes(item.label)).map((item) => item.value);
  }

  override async input(title: string, options: InputOptions = {}): Promise<string | undefined> {
    const scripted = this.next(title);
    if (!scripted) return super.input(title, options);
    if (scripted.answer === undefined) return undefined;
    const text = Array.isArray(scripted.answer) ? scripted.answer.join(' ') : scripted.answer;
    const problem = options.validate?.(text);
    if (problem) throw new Error(`"${text}" is not a valid answer to "${title}": ${problem}`);
    return text;
  }
}

/** What tests observe, gathered as the extension runs; created first, so that it sees everything. */
export class TestObservations {
  readonly prompter = new ScriptedPrompter();
  lastRefusal: string | undefined;

  refused(message: string): void {
    this.lastRefusal = message;
  }

  /** The public API with the members tests need. */
  api(
    publicApi: MarginaliaApi,
    parts: { decorator: MentionDecorator; claimsView: ClaimsView; entitiesView: EntitiesView; corpus: CorpusService; sharing: SharingCommands; suggestions: SuggestionService; suggestionsView: SuggestionsView; suggestionDecorator: SuggestionDecorator; activation: ActivationTiming },
    subscriptions: vscode.Disposable[],
  ): MarginaliaTestApi {
    const painted = new WeakMap<vscode.TextEditor, PaintedMentions>();
    const timings: PaintTiming[] = [];
    subscriptions.push(
      parts.decorator.onDidPaint(({ editor, painted: ranges, timing }) => {
        painted.set(editor, ranges);
        timings.push(timing);
        if (timings.length > 1000) timings.splice(0, 500);
      }),
    );
    const { claimsView, sharing } = parts;
    return {
      ...publicApi,
      paintedMentions: (editor) => painted.get(editor),
      paintTimings: () => timings,
      claimsViewRows: () => rowsOf(claimsView),
      claimsViewSelection: () => claimsView.view.selection.map((item) => labelOf(claimsView.getTreeItem(item))),
      entitiesViewRows: () => rowsOf(parts.entitiesView),
      corpusReady: () => parts.corpus.whenIdle(),
      answerNextPrompts: (answers) => this.prompter.answerNext(answers),
      clearPromptAnswers: () => this.prompter.clearAnswers(),
      lastRefusal: () => this.lastRefusal,
      promptsAsked: () => this.prompter.asked,
      readingPageHtml: (articleUri) => sharing.readingPageOf(articleUri.toString())?.webview.html,
      activationTiming: () => parts.activation,
      suggestions: async () => (await parts.suggestions.whenCurrent())?.result.suggestions,
      suggestionsViewRows: () => rowsOf(parts.suggestionsView),
      paintedSuggestions: (editor) => parts.suggestionDecorator.paintedIn(editor),
    };
  }
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function rowsOf<T>(provider: vscode.TreeDataProvider<T>, parent?: T): Promise<TreeRow[]> {
  const children = (await provider.getChildren(parent)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await provider.getTreeItem(child);
      return { label: labelOf(item), description: typeof item.description === 'string' ? item.description : undefined, children: await rowsOf(provider, child) };
    }),
  );
}

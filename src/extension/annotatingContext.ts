import * as vscode from 'vscode';
import type { AnnotationKind, NewEntity } from '../model/format/annotationOperations';
import { ACTOR_TYPES, SYSTEM_TYPES, type EntityKind, type EntityType, type PassageSelector } from '../model/format/annotationTypes';
import type { ArticleModel } from '../model/article/articleModel';
import { claimantName } from '../model/article/modelQueries';
import type { ResolvedClaim } from '../model/article/articleModel';
import { ArticleText } from '../model/anchoring/articleText';
import { whyUnwritable, type AnnotationChange, type AnnotationFileWriter } from './annotationFileWriter';
import { ArticleModelService } from './articleModelService';
import { isFromRegistry } from '../model/format/withRegistry';
import type { PickItem, Prompter } from './prompter';

/** The selected passage of an article, checked and trimmed of surrounding white space. */
export interface SelectedPassage {
  document: vscode.TextDocument;
  start: number;
  end: number;
  text: string;
  model: ArticleModel | undefined;
}

/**
 * What the annotating commands share: the models, the prompts, the writer, and the checks and choices
 * that several of them ask the user for.
 */
export class AnnotatingContext {
  constructor(
    readonly models: ArticleModelService,
    readonly prompter: Prompter,
    readonly writer: AnnotationFileWriter,
    /** Explains why a command did nothing. */
    readonly tell: (message: string) => void,
    /** The entity ids every article of the corpus uses, as far as it has been read. */
    readonly corpusEntityIds: () => Iterable<string> = () => [],
  ) {}

  /** Makes a change in the article's annotation file for a command, as one undoable edit. */
  write(article: vscode.TextDocument, change: AnnotationChange): Promise<boolean> {
    return this.writer.apply(article.uri, change, { command: true });
  }

  /** The active editor's selection in an article, checked; undefined after explaining what is wrong. */
  async selectedPassage(options: { wholeMentions: boolean }): Promise<SelectedPassage | undefined> {
    const editor = vscode.window.activeTextEditor;
    const refuse = (message: string) => {
      this.tell(vscode.l10n.t('Marginalia: {0}', message));
      return undefined;
    };
    if (editor?.document.isUntitled && editor.document.languageId === 'markdown') return refuse(whyUnwritable(editor.document.uri)!);
    if (!editor || !ArticleModelService.isArticle(editor.document)) return refuse(vscode.l10n.t('annotate in a Markdown article (a .md file): select text there first.'));
    const { document, selection } = editor;
    const unwritable = whyUnwritable(document.uri);
    if (unwritable) return refuse(unwritable);
    let start = document.offsetAt(selection.start);
    let end = document.offsetAt(selection.end);
    const text = document.getText();
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start === end) return refuse(vscode.l10n.t('select the text to annotate first (the selection is empty or only white space).'));
    const model = await this.models.whenModelReady(document);
    if (options.wholeMentions && model) {
      // A name found inside or across another mention would never show there (the longest match wins).
      const cut = model.mentions.between(start, end).find((m) => !(start <= m.start && m.end <= end));
      if (cut) {
        const entity = model.entityById.get(cut.entityId);
        const mention = text.slice(cut.start, cut.end);
        const name = entity?.name ?? cut.entityId;
        return refuse(
          cut.start <= start && end <= cut.end
            ? vscode.l10n.t('the selection is inside the mention "{0}" of {1}. Select the whole mention, or only text outside it.', mention, name)
            : vscode.l10n.t('the selection cuts across the mention "{0}" of {1}. Select the whole mention, or only text outside it.', mention, name),
        );
      }
    }
    return { document, start, end, text: text.slice(start, end), model };
  }

  /** Selectors of passages of the document's text (with the model's code point index when it is of this text). */
  describePassages(document: vscode.TextDocument, passages: ReadonlyArray<{ start: number; end: number }>, model: ArticleModel | undefined): PassageSelector[] {
    const text = document.getText();
    const source = model && model.article.source.text === text ? model.article.source : new ArticleText(text);
    return passages.map(({ start, end }) => source.describe(start, end));
  }

  /** The article being read and its model; undefined after asking the user to open one. */
  async currentArticle(): Promise<{ document: vscode.TextDocument; model: ArticleModel } | undefined> {
    const current = await this.models.currentArticleWithModel();
    if (!current) this.tell(vscode.l10n.t('Marginalia: open an annotated article first.'));
    return current;
  }

  /** Asks for a new entity's name, kind, type and summary; undefined if the user cancels. */
  async askNewEntity(step: string, name?: string, steps: { first: number; total: number } = { first: 1, total: 4 }): Promise<NewEntity | undefined> {
    const at = (k: number) => vscode.l10n.t('{0} ({1}/{2})', step, steps.first + k, steps.total);
    const chosenName = await this.prompter.input(vscode.l10n.t('{0}: its name', at(0)), { value: name, validate: (value) => (value.trim() ? undefined : vscode.l10n.t('A name is needed.')) });
    if (chosenName === undefined) return undefined;
    const kind = await this.prompter.pick<EntityKind>(vscode.l10n.t('{0}: actor or system?', at(1)), [
      { label: vscode.l10n.t('Actor'), description: vscode.l10n.t('a state, person, organisation, group…'), value: 'actor' },
      { label: vscode.l10n.t('System'), description: vscode.l10n.t('a server, portal, database, network…'), value: 'system' },
    ]);
    if (!kind) return undefined;
    const types = kind === 'actor' ? ACTOR_TYPES : SYSTEM_TYPES;
    const type = await this.prompter.pick<EntityType>(kind === 'actor' ? vscode.l10n.t('{0}: what type of actor?', at(2)) : vscode.l10n.t('{0}: what type of system?', at(2)), types.map((t) => ({ label: t, value: t })));
    if (!type) return undefined;
    // Not an example from any one article: a hint at what a summary says, by kind.
    const placeHolder = kind === 'actor' ? vscode.l10n.t('Who they are, in a few words (role, country, affiliation)') : vscode.l10n.t('What it is, and who runs it');
    const summary = await this.prompter.input(vscode.l10n.t('{0}: a one-line summary (optional)', at(3)), { placeHolder });
    if (summary === undefined) return undefined;
    return { kind, type, name: chosenName.trim(), summary: summary.trim() || undefined } as NewEntity;
  }

  /** The current article, and the annotation a command is about: the one it was invoked on, else one the user picks. */
  async chosenAnnotation(title: string, kind?: AnnotationKind, id?: string): Promise<{ document: vscode.TextDocument; model: ArticleModel; kind: AnnotationKind; id: string } | undefined> {
    const current = await this.currentArticle();
    if (!current) return undefined;
    const chosen = kind && id ? { kind, id } : await this.pickAnnotation(current.model, title);
    return chosen && { ...current, ...chosen };
  }

  /** The current article, and the claim a command is about: the one it was invoked on, else one the user picks among `choices`. */
  async chosenClaim(title: string, claimId: string | undefined, choices?: (model: ArticleModel) => Array<PickItem<string>>): Promise<{ document: vscode.TextDocument; model: ArticleModel; claim: ResolvedClaim } | undefined> {
    const current = await this.currentArticle();
    if (!current) return undefined;
    const { model } = current;
    claimId ??= await this.prompter.pick(title, choices ? choices(model) : this.claimItems(model));
    const claim = model.claims.find((c) => c.record.id === claimId);
    return claim && { ...current, claim };
  }

  private pickAnnotation(model: ArticleModel, title: string): Promise<{ kind: AnnotationKind; id: string } | undefined> {
    return this.prompter.pick<{ kind: AnnotationKind; id: string }>(title, [
      ...model.entities.map((e) => ({ label: e.name, description: vscode.l10n.t('entity · {0} · {1}', e.kind, e.type), value: { kind: 'entity' as const, id: e.id } })),
      ...model.claims.map((c) => ({ label: c.record.summary, description: vscode.l10n.t('claim · {0}', claimantName(model, c.record.claimant)), value: { kind: 'claim' as const, id: c.record.id } })),
      ...model.notes.map((n) => ({ label: n.record.text, description: vscode.l10n.t('note'), value: { kind: 'note' as const, id: n.record.id } })),
    ]);
  }

  /** The article's claims as choices, with their claimants. */
  claimItems(model: ArticleModel, claims = model.claims): Array<PickItem<string>> {
    return claims.map((claim) => ({ label: claim.record.summary, description: claimantName(model, claim.record.claimant), value: claim.record.id }));
  }

  entityItems(model: ArticleModel | undefined): Array<PickItem<string>> {
    return (model?.entities ?? []).map((entity) => ({
      label: entity.name,
      // A registry's entities are shared by the folder's articles: say so where they are offered.
      description: model && this.registryOf(model, entity.id) ? vscode.l10n.t('{0} · {1} · registry', entity.kind, entity.type) : `${entity.kind} · ${entity.type}`,
      value: entity.id,
    }));
  }

  /** The registry an entity of the article comes from, if it does (its entry is edited there, not in the article's file). */
  registryOf(model: ArticleModel, entityId: string): vscode.Uri | undefined {
    const registry = model.annotationFile.registry;
    if (!registry) return undefined;
    const kept = model.entities.findIndex((entity) => entity.id === entityId);
    return kept >= 0 && isFromRegistry(model.annotationFile, kept) ? vscode.Uri.parse(registry.fileName) : undefined;
  }

  /**
   * Makes a change to an entity's entry as one undoable edit, where the entry is: the folder's registry
   * for a shared entity (the article's own file is not touched), else the article's annotation file.
   */
  writeEntity(article: vscode.TextDocument, model: ArticleModel, entityId: string, change: AnnotationChange): Promise<boolean> {
    const registry = this.registryOf(model, entityId);
    return registry ? this.writer.applyToRegistry(article.uri, registry, change) : this.write(article, change);
  }

  async pickEntity(model: ArticleModel | undefined, title: string): Promise<string | undefined> {
    const items = this.entityItems(model);
    if (items.length === 0) {
      this.tell(vscode.l10n.t('Marginalia: there are no entities yet. Mark one with "Mark as New Entity" first.'));
      return undefined;
    }
    return this.prompter.pick(title, items);
  }
}

/**
 * What a command was invoked on. Hover cards' links, the views' rows and the palette all pass the same
 * typed ids: { claimId }, { noteId } or { entityId } (with the article's uri), or { kind, id }.
 */
export function targetOf(argument: unknown): { kind: AnnotationKind; id: string } | undefined {
  if (!argument || typeof argument !== 'object') return undefined;
  const value = argument as { kind?: AnnotationKind; id?: string; claimId?: string; noteId?: string; entityId?: string };
  if (value.kind && value.id) return { kind: value.kind, id: value.id };
  if (value.claimId) return { kind: 'claim', id: value.claimId };
  if (value.noteId) return { kind: 'note', id: value.noteId };
  if (value.entityId) return { kind: 'entity', id: value.entityId };
  return undefined;
}

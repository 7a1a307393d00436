import * as vscode from 'vscode';
import type { Edit } from 'jsonc-parser';
import { appendRecord, editsInTurn, orderedClaim, orderedEntity, orderedNote, removeElement, setValue, slugId } from '../model/annotationEdits';
import type { ParsedAnnotationFile } from '../model/annotationFileParser';
import { ACTOR_TYPES, ANNOTATION_FORMAT_VERSION, STANCES, SYSTEM_TYPES, type AnnotationFile, type EntityKind, type EntityRecord, type EntityType, type Stance } from '../model/annotationTypes';
import { claimantName, type ArticleModel } from '../model/articleModel';
import { claimsAt, mentionAt } from '../model/claimTree';
import { CodePointIndex } from '../model/codePointIndex';
import { describePassage } from '../model/passageAnchor';
import { ArticleModelService } from './articleModelService';
import type { PickItem, Prompter } from './prompter';
import { rangeOfOffsets } from './vscodeRanges';

export const SAVE_AFTER_COMMAND_SETTING = 'marginalia.annotating.saveAfterEachCommand';

/** The claimant choice that creates an entity first. */
const NEW_ENTITY = 'marginalia:new-entity';

/** The selected passage of an article, checked and trimmed of surrounding white space. */
interface SelectedPassage {
  document: vscode.TextDocument;
  start: number;
  end: number;
  text: string;
  model: ArticleModel | undefined;
}

type EditsOrRefusal = Edit[] | { refuse: string };

/**
 * Annotating from the article: every command changes the annotation file through a WorkspaceEdit on
 * its document, so that undo and redo work, unsaved changes show, and VS Code's own save-conflict
 * handling applies. A file that does not parse is never written.
 */
export class AnnotatingCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** The last refusal shown, for tests. */
  lastRefusal: string | undefined;
  private lastChange: { article: vscode.Uri; annotationFile: vscode.Uri; version: number } | undefined;
  private undoItem: vscode.StatusBarItem | undefined;
  private undoTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly models: ArticleModelService,
    private readonly prompter: Prompter,
  ) {
    const register = (id: string, run: (...args: never[]) => Promise<unknown>) => this.disposables.push(vscode.commands.registerCommand(id, run));
    register('marginalia.markEntity', () => this.markEntity());
    register('marginalia.addAlias', () => this.addAlias());
    register('marginalia.addClaim', () => this.addClaim());
    register('marginalia.answerClaim', (target?: unknown) => this.answerClaim(targetOf(target)?.id));
    register('marginalia.addNote', () => this.addNote());
    register('marginalia.deleteAnnotation', (target?: unknown) => this.deleteAnnotation(targetOf(target)?.kind, targetOf(target)?.id));
    register('marginalia.renameEntity', (target?: unknown) => this.renameEntityCommand(targetOf(target)?.id));
    register('marginalia.editSummary', (target?: unknown) => this.editSummary(targetOf(target)?.kind, targetOf(target)?.id));
    register('marginalia.markAllOccurrences', () => this.markAllOccurrences());
    register('marginalia.changeEntityType', (target?: unknown) => this.changeEntityType(targetOf(target)?.id));
    register('marginalia.changeClaimant', (target?: unknown) => this.changeClaimant(targetOf(target)?.id));
    register('marginalia.changeStance', (target?: unknown) => this.changeStance(targetOf(target)?.id));
    register('marginalia.changeAbout', (target?: unknown) => this.changeAbout(targetOf(target)?.id));
    register('marginalia.undoLastChange', () => this.undoLastChange());
    this.disposables.push(vscode.languages.registerRenameProvider({ language: 'markdown' }, new EntityRenameProvider(this, models)));
  }

  async markEntity(): Promise<boolean> {
    const selected = await this.selectedPassage({ wholeMentions: true });
    if (!selected) return false;
    const already = selected.model && mentionAt(selected.model, selected.start);
    if (already && already.start === selected.start && already.end === selected.end) {
      const entity = selected.model!.entityById.get(already.entityId);
      void vscode.window.showInformationMessage(`"${selected.text}" is already a mention of ${entity?.name ?? already.entityId}.`);
      return false;
    }
    const asked = await this.askNewEntity('New entity', selected.text);
    if (!asked) return false;
    const { name, kind, type, summary } = asked;
    return this.write(selected.document, (text, annotations) => {
      const trimmed = name;
      if (annotations.entities.some((entity) => entity.name === trimmed || entity.aliases?.includes(trimmed))) return { refuse: `An entity is already named "${trimmed}". Add the selection as an alias of it instead.` };
      const id = slugId(trimmed, new Set(annotations.entities.map((entity) => entity.id)), 'entity');
      // The selection must stay a mention: if the name differs from it, the selection becomes an alias.
      const aliases = selected.text !== trimmed ? [selected.text] : undefined;
      const entity: EntityRecord = { id, kind, type, name: trimmed, aliases, summary };
      return appendRecord(text, 'entities', orderedEntity(entity));
    });
  }

  /** Asks for a new entity's name, kind, type and summary; undefined if the user cancels. */
  private async askNewEntity(step: string, name?: string, steps: { first: number; total: number } = { first: 1, total: 4 }): Promise<Omit<EntityRecord, 'id'> | undefined> {
    const at = (k: number) => `${step} (${steps.first + k}/${steps.total})`;
    const chosenName = await this.prompter.input(`${at(0)}: its name`, { value: name, validate: (value) => (value.trim() ? undefined : 'A name is needed.') });
    if (chosenName === undefined) return undefined;
    const kind = await this.prompter.pick<EntityKind>(`${at(1)}: actor or system?`, [
      { label: 'Actor', description: 'a state, person, organisation, group…', value: 'actor' },
      { label: 'System', description: 'a server, portal, database, network…', value: 'system' },
    ]);
    if (!kind) return undefined;
    const types = kind === 'actor' ? ACTOR_TYPES : SYSTEM_TYPES;
    const type = await this.prompter.pick<EntityType>(`${at(2)}: what type of ${kind}?`, types.map((t) => ({ label: t, value: t })));
    if (!type) return undefined;
    // Not an example from any one article: a hint at what a summary says, by kind.
    const placeHolder = kind === 'actor' ? 'Who they are, in a few words (role, country, affiliation)' : 'What it is, and who runs it';
    const summary = await this.prompter.input(`${at(3)}: a one-line summary (optional)`, { placeHolder });
    if (summary === undefined) return undefined;
    return { kind, type, name: chosenName.trim(), summary: summary.trim() || undefined } as Omit<EntityRecord, 'id'>;
  }

  async addAlias(): Promise<boolean> {
    const selected = await this.selectedPassage({ wholeMentions: true });
    if (!selected) return false;
    const entityId = await this.pickEntity(selected.model, `Add "${selected.text}" as an alias of…`);
    if (!entityId) return false;
    return this.write(selected.document, (text, annotations, parsed) => {
      const owner = annotations.entities.find((entity) => entity.name === selected.text || entity.aliases?.includes(selected.text));
      if (owner) return { refuse: `"${selected.text}" already names ${owner.name}; a name or alias belongs to one entity only.` };
      const index = annotations.entities.findIndex((entity) => entity.id === entityId);
      if (index === -1) return { refuse: `No entity "${entityId}" in the annotation file.` };
      const entity = annotations.entities[index];
      return setValue(text, ['entities', parsed.sourceIndexes.entities[index], 'aliases'], [...(entity.aliases ?? []), selected.text]);
    });
  }

  async addClaim(answering?: { claimId: string; stance: Stance; stepsBefore: number }): Promise<boolean> {
    const selected = await this.selectedPassage({ wholeMentions: false });
    if (!selected) return false;
    const flow = answering ? 'Answer' : 'New claim';
    // One count across the flow: the steps of choosing what to answer, then these three, then four more for a new claimant.
    const before = answering?.stepsBefore ?? 0;
    let total = before + 3;
    const at = (k: number) => `${flow} (${before + k}/${total})`;
    const chosen = await this.prompter.pick<string | null | typeof NEW_ENTITY>(`${at(1)}: who claims it?`, [
      // "Unattributed" is what cards and views show for such a claim.
      { label: 'Unattributed', description: 'no one in particular: "it is widely thought…"', value: null },
      { label: 'New entity…', description: 'one not annotated yet', value: NEW_ENTITY },
      ...this.entityItems(selected.model),
    ]);
    if (chosen === undefined) return false;
    let newClaimant: Omit<EntityRecord, 'id'> | undefined;
    if (chosen === NEW_ENTITY) {
      total += 4;
      newClaimant = await this.askNewEntity(`${flow}, new claimant`, leadingName(selected.text), { first: before + 2, total });
      if (!newClaimant) return false;
    }
    const aboutStep = chosen === NEW_ENTITY ? 6 : 2;
    // Offered checked: the entities the selection mentions (the claimant aside).
    const mentioned = new Set((selected.model?.mentions ?? []).filter((m) => m.start >= selected.start && m.end <= selected.end && m.entityId !== chosen).map((m) => m.entityId));
    const about = await this.prompter.pickMany(
      `${at(aboutStep)}: about whom or what? (optional)`,
      this.entityItems(selected.model).map((item) => ({ ...item, picked: mentioned.has(item.value) })),
    );
    if (about === undefined) return false;
    const summary = await this.prompter.input(`${at(aboutStep + 1)}: a one-line summary`, {
      value: firstWords(selected.text, 100),
      validate: (value) => (value.trim() ? undefined : 'A summary is needed.'),
    });
    if (summary === undefined) return false;
    if (newClaimant && selected.model && !nameOccursIn(selected.model.article.text, newClaimant.name)) {
      // Probably a typo: the new entity would have no mention at all.
      void vscode.window.showWarningMessage(`Marginalia: "${newClaimant.name}" does not occur in the article, so the new claimant has no mentions. Check its spelling, or add the article's wording as an alias.`);
    }
    const text = selected.document.getText();
    const passage = describePassage(text, selected.start, selected.end, new CodePointIndex(text));
    return this.write(selected.document, (fileText, annotations) => {
      if (answering && !annotations.claims.some((claim) => claim.id === answering.claimId)) return { refuse: `No claim "${answering.claimId}" to answer.` };
      const steps: Array<(current: string) => Edit[]> = [];
      let claimant = chosen === NEW_ENTITY ? null : chosen;
      if (newClaimant) {
        if (annotations.entities.some((entity) => entity.name === newClaimant.name || entity.aliases?.includes(newClaimant.name))) {
          return { refuse: `An entity is already named "${newClaimant.name}"; choose it from the list.` };
        }
        const entity = orderedEntity({ ...newClaimant, id: slugId(newClaimant.name, new Set(annotations.entities.map((e) => e.id)), 'entity') });
        claimant = entity.id;
        steps.push((current) => appendRecord(current, 'entities', entity));
      }
      const id = slugId(summary, new Set(annotations.claims.map((claim) => claim.id)), 'claim');
      const claim = orderedClaim({
        id,
        claimant,
        about: about.length > 0 ? (about as string[]) : undefined,
        summary: summary.trim(),
        passage,
        answers: answering?.claimId,
        stance: answering?.stance,
      });
      steps.push((current) => appendRecord(current, 'claims', claim));
      return editsInTurn(fileText, steps);
    });
  }

  async answerClaim(claimId?: string): Promise<boolean> {
    const pickedHere = claimId === undefined;
    const document = vscode.window.activeTextEditor?.document;
    const model = document && (await this.models.whenModelReady(document));
    if (!claimId) {
      if (!model || model.claims.length === 0) {
        this.tell('Marginalia: there is no claim to answer yet in this article. Add a claim first.');
        return false;
      }
      const editor = vscode.window.activeTextEditor!;
      // Offered first: the claim under the cursor, if the selection is not itself inside it.
      const [underCursor] = claimsAt(model, document!.offsetAt(editor.selection.active));
      const items: Array<PickItem<string>> = model.claims.map((claim) => ({
        label: claim.record.summary,
        description: claimantName(model, claim.record.claimant),
        value: claim.record.id,
      }));
      if (underCursor) items.sort((a, b) => Number(b.value === underCursor.record.id) - Number(a.value === underCursor.record.id));
      claimId = await this.prompter.pick('Answer (1/5): which claim?', items);
      if (!claimId) return false;
    }
    const stepsBefore = pickedHere ? 2 : 1;
    const stance = await this.prompter.pick<Stance>(`Answer (${stepsBefore}/${stepsBefore + 3}): how does the selection answer it?`, STANCES.map((s) => ({ label: s, value: s })));
    if (!stance) return false;
    return this.addClaim({ claimId, stance, stepsBefore });
  }

  async addNote(): Promise<boolean> {
    const selected = await this.selectedPassage({ wholeMentions: false });
    if (!selected) return false;
    const note = await this.prompter.input('Note on the selection', { validate: (value) => (value.trim() ? undefined : 'Write the note.') });
    if (note === undefined) return false;
    const text = selected.document.getText();
    const passage = describePassage(text, selected.start, selected.end, new CodePointIndex(text));
    return this.write(selected.document, (fileText, annotations) => {
      const id = slugId(`note ${note}`, new Set(annotations.notes.map((n) => n.id)), 'note');
      return appendRecord(fileText, 'notes', orderedNote({ id, passage, text: note.trim(), created: new Date().toISOString().slice(0, 10) }));
    });
  }

  async deleteAnnotation(kind?: 'entity' | 'claim' | 'note', id?: string): Promise<boolean> {
    const current = await this.currentArticle();
    if (!current) return false;
    const { document, model } = current;
    if (!kind || !id) {
      const picked = await this.pickAnnotation(model, 'Delete which annotation?');
      if (!picked) return false;
      ({ kind, id } = picked);
    }
    const deleting = { kind, id };
    return this.write(document, (text, annotations, parsed) => {
      if (deleting.kind === 'note') {
        const index = annotations.notes.findIndex((n) => n.id === deleting.id);
        if (index === -1) return { refuse: `No note "${deleting.id}".` };
        return removeElement(text, ['notes', parsed.sourceIndexes.notes[index]]);
      }
      if (deleting.kind === 'claim') {
        const index = annotations.claims.findIndex((c) => c.id === deleting.id);
        if (index === -1) return { refuse: `No claim "${deleting.id}".` };
        // Claims that answered it become top-level claims: their answer and stance go with it.
        const steps: Array<(current: string) => Edit[]> = [];
        annotations.claims.forEach((claim, i) => {
          if (claim.answers !== deleting.id) return;
          steps.push((current) => setValue(current, ['claims', parsed.sourceIndexes.claims[i], 'answers'], undefined));
          if (claim.stance) steps.push((current) => setValue(current, ['claims', parsed.sourceIndexes.claims[i], 'stance'], undefined));
        });
        steps.push((current) => removeElement(current, ['claims', parsed.sourceIndexes.claims[index]]));
        return editsInTurn(text, steps);
      }
      const index = annotations.entities.findIndex((e) => e.id === deleting.id);
      if (index === -1) return { refuse: `No entity "${deleting.id}".` };
      const uses = annotations.claims.filter((c) => c.claimant === deleting.id || c.about?.includes(deleting.id)).length;
      const related = annotations.entities.filter((e) => e.relations?.some((r) => r.entity === deleting.id)).length;
      if (uses + related > 0) {
        return { refuse: `${annotations.entities[index].name} is used by ${uses} claims and ${related} relations. Change those first (the Claims view lists them), then delete it.` };
      }
      return removeElement(text, ['entities', parsed.sourceIndexes.entities[index]]);
    });
  }

  async renameEntityCommand(entityId?: string): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    const current = await this.currentArticle();
    if (!current) return false;
    const { document, model } = current;
    entityId ??= (editor?.document === document ? mentionAt(model, document.offsetAt(editor.selection.active))?.entityId : undefined) ?? (await this.pickEntity(model, 'Rename which entity?'));
    const entity = entityId ? model.entityById.get(entityId) : undefined;
    if (!entity) return false;
    const name = await this.prompter.input(`Rename ${entity.name}`, { value: entity.name, validate: (value) => (value.trim() ? undefined : 'A name is needed.') });
    if (name === undefined || name.trim() === entity.name) return false;
    const edit = await this.renameEdit(document, entity.id, name.trim());
    return edit ? vscode.workspace.applyEdit(edit) : false;
  }

  /**
   * The edit that renames an entity: only its display name changes, never the article. The old name
   * becomes an alias, so the article's mentions of it stay mentions.
   */
  async renameEdit(article: vscode.TextDocument, entityId: string, newName: string): Promise<vscode.WorkspaceEdit | undefined> {
    const prepared = await this.prepare(article);
    if (!prepared) return undefined;
    const { document, text, annotations, parsed } = prepared;
    const index = annotations.entities.findIndex((e) => e.id === entityId);
    if (index === -1) return undefined;
    const entity = annotations.entities[index];
    const owner = annotations.entities.find((e) => e.id !== entityId && (e.name === newName || e.aliases?.includes(newName)));
    if (owner) {
      this.tell(`Marginalia: "${newName}" already names ${owner.name}.`);
      return undefined;
    }
    const at = ['entities', parsed.sourceIndexes.entities[index]];
    const aliases = [entity.name, ...(entity.aliases ?? []).filter((alias) => alias !== newName && alias !== entity.name)];
    const edit = new vscode.WorkspaceEdit();
    const steps = [(current: string) => setValue(current, [...at, 'name'], newName), (current: string) => setValue(current, [...at, 'aliases'], aliases)];
    for (const e of editsInTurn(text, steps)) {
      edit.replace(document.uri, rangeOfOffsets(document, e.offset, e.offset + e.length), e.content);
    }
    return edit;
  }

  /** Edits an entity's or claim's summary, or a note's text. */
  async editSummary(kind?: 'entity' | 'claim' | 'note', id?: string): Promise<boolean> {
    const current = await this.currentArticle();
    if (!current) return false;
    const { document, model } = current;
    if (!kind || !id) {
      const picked = await this.pickAnnotation(model, 'Edit which annotation?');
      if (!picked) return false;
      ({ kind, id } = picked);
    }
    const editing = { kind, id };
    const before =
      kind === 'claim' ? model.claims.find((c) => c.record.id === id)?.record.summary : kind === 'note' ? model.notes.find((n) => n.record.id === id)?.record.text : model.entityById.get(id)?.summary;
    const value = await this.prompter.input(kind === 'note' ? `Note "${id}"` : `Summary of ${kind} "${id}"`, { value: before ?? '' });
    if (value === undefined) return false;
    return this.write(document, (text, annotations, parsed) => {
      const collection = editing.kind === 'claim' ? 'claims' : editing.kind === 'note' ? 'notes' : 'entities';
      const index = (annotations[collection] as Array<{ id: string }>).findIndex((record) => record.id === editing.id);
      if (index === -1) return { refuse: `No ${editing.kind} "${editing.id}".` };
      // Entities may go without a summary; claims and notes may not.
      if (editing.kind !== 'entity' && !value.trim()) return { refuse: `A ${editing.kind} needs ${editing.kind === 'note' ? 'its text' : 'a summary'}.` };
      return setValue(text, [collection, parsed.sourceIndexes[collection][index], editing.kind === 'note' ? 'text' : 'summary'], value.trim() || undefined);
    });
  }

  /** Changes an entity's kind and type. */
  async changeEntityType(entityId?: string): Promise<boolean> {
    const current = await this.currentArticle();
    if (!current) return false;
    const { document, model } = current;
    entityId ??= await this.pickEntity(model, 'Change the type of which entity?');
    const entity = entityId ? model.entityById.get(entityId) : undefined;
    if (!entity) return false;
    const kind = await this.prompter.pick<EntityKind>(`${entity.name}: actor or system?`, [
      { label: 'Actor', description: entity.kind === 'actor' ? 'now' : undefined, value: 'actor' },
      { label: 'System', description: entity.kind === 'system' ? 'now' : undefined, value: 'system' },
    ]);
    if (!kind) return false;
    const type = await this.prompter.pick<EntityType>(`${entity.name}: what type of ${kind}?`, (kind === 'actor' ? ACTOR_TYPES : SYSTEM_TYPES).map((t) => ({ label: t, description: t === entity.type ? 'now' : undefined, value: t })));
    if (!type) return false;
    return this.write(document, (text, annotations, parsed) => {
      const index = annotations.entities.findIndex((e) => e.id === entity.id);
      if (index === -1) return { refuse: `No entity "${entity.id}".` };
      const at = ['entities', parsed.sourceIndexes.entities[index]];
      return editsInTurn(text, [(current) => setValue(current, [...at, 'kind'], kind), (current) => setValue(current, [...at, 'type'], type)]);
    });
  }

  /** Changes who makes a claim (or makes it no one's in particular). */
  async changeClaimant(claimId?: string): Promise<boolean> {
    const current = await this.currentArticle();
    if (!current) return false;
    const { document, model } = current;
    if (!claimId) {
      claimId = await this.prompter.pick(
        'Change the claimant of which claim?',
        model.claims.map((c) => ({ label: c.record.summary, description: claimantName(model, c.record.claimant), value: c.record.id })),
      );
    }
    const claim = model.claims.find((c) => c.record.id === claimId);
    if (!claim) return false;
    const claimant = await this.prompter.pick<string | null>(`Who makes the claim "${claim.record.summary}"?`, [
      { label: 'Unattributed', description: 'no one in particular: "it is widely thought…"', value: null },
      ...this.entityItems(model),
    ]);
    if (claimant === undefined) return false;
    return this.setClaimField(document, claim.record.id, 'claimant', claimant);
  }

  /** Sets (or, with undefined, removes) one field of a claim, as the file is now. */
  private setClaimField(document: vscode.TextDocument, claimId: string, field: 'claimant' | 'stance' | 'about', value: unknown): Promise<boolean> {
    return this.write(document, (text, annotations, parsed) => {
      const index = annotations.claims.findIndex((c) => c.id === claimId);
      if (index === -1) return { refuse: `No claim "${claimId}".` };
      return setValue(text, ['claims', parsed.sourceIndexes.claims[index], field], value);
    });
  }

  /** Changes how a counterclaim or support answers its claim. */
  async changeStance(claimId?: string): Promise<boolean> {
    const current = await this.currentArticle();
    if (!current) return false;
    const { document, model } = current;
    const answering = model.claims.filter((c) => c.record.answers !== undefined);
    claimId ??= await this.prompter.pick('Change the stance of which answer?', answering.map((c) => ({ label: c.record.summary, description: `${c.record.stance ?? ''}`, value: c.record.id })));
    const claim = model.claims.find((c) => c.record.id === claimId);
    if (!claim) return false;
    if (!claim.record.answers) {
      this.tell(`Marginalia: "${claim.record.summary}" answers no claim, so it has no stance. Use Answer Claim to make a claim answer another.`);
      return false;
    }
    const stance = await this.prompter.pick<Stance>(`How does "${claim.record.summary}" answer its claim?`, STANCES.map((s) => ({ label: s, description: s === claim.record.stance ? 'now' : undefined, value: s })));
    if (!stance) return false;
    return this.setClaimField(document, claim.record.id, 'stance', stance);
  }

  /** Changes whom or what a claim is about. */
  async changeAbout(claimId?: string): Promise<boolean> {
    const current = await this.currentArticle();
    if (!current) return false;
    const { document, model } = current;
    claimId ??= await this.prompter.pick('Change what which claim is about?', model.claims.map((c) => ({ label: c.record.summary, description: claimantName(model, c.record.claimant), value: c.record.id })));
    const claim = model.claims.find((c) => c.record.id === claimId);
    if (!claim) return false;
    const items = this.entityItems(model).map((item) => ({ ...item, picked: claim.record.about?.includes(item.value) ?? false }));
    const about = await this.prompter.pickMany(`What is "${claim.record.summary}" about?`, items);
    if (about === undefined) return false;
    return this.setClaimField(document, claim.record.id, 'about', about.length > 0 ? about : undefined);
  }

  /**
   * Lists every occurrence of the selected text that is not yet a mention, lets the user keep or drop
   * each (all kept at first, each with its line), and adds the kept ones as explicit mentions of an
   * entity, in one edit.
   */
  async markAllOccurrences(): Promise<boolean> {
    const selected = await this.selectedPassage({ wholeMentions: true });
    if (!selected) return false;
    const entityId = await this.pickEntity(selected.model, `Mark every "${selected.text}" as a mention of…`);
    if (!entityId) return false;
    const text = selected.document.getText();
    const occurrences: Array<PickItem<number>> = [];
    for (let at = text.indexOf(selected.text); at !== -1; at = text.indexOf(selected.text, at + 1)) {
      const mention = selected.model && mentionAt(selected.model, at);
      if (mention && mention.start <= at && at + selected.text.length <= mention.end) continue;
      const position = selected.document.positionAt(at);
      const line = selected.document.lineAt(position.line).text;
      occurrences.push({ label: `Line ${position.line + 1}`, description: line.trim().slice(0, 120), picked: true, value: at });
    }
    if (occurrences.length === 0) {
      void vscode.window.showInformationMessage(`Every "${selected.text}" in the article is already a mention.`);
      return false;
    }
    const accepted = await this.prompter.pickMany(`${occurrences.length} occurrences of "${selected.text}" are not mentions yet: keep the ones to mark`, occurrences);
    if (!accepted || accepted.length === 0) return false;
    const codePoints = new CodePointIndex(text);
    const selectors = accepted.sort((a, b) => a - b).map((at) => describePassage(text, at, at + selected.text.length, codePoints));
    return this.write(selected.document, (fileText, annotations, parsed) => {
      const index = annotations.entities.findIndex((e) => e.id === entityId);
      if (index === -1) return { refuse: `No entity "${entityId}".` };
      return setValue(fileText, ['entities', parsed.sourceIndexes.entities[index], 'mentions'], [...(annotations.entities[index].mentions ?? []), ...selectors]);
    });
  }

  /** The open article's annotation file, created if missing, and parsed as it is now; undefined (with a message) if it cannot be written. */
  async prepare(article: vscode.TextDocument): Promise<{ document: vscode.TextDocument; text: string; annotations: AnnotationFile; parsed: ParsedAnnotationFile } | undefined> {
    const annotationUri = ArticleModelService.annotationUriFor(article.uri);
    const name = annotationUri.path.split('/').pop();
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(annotationUri);
    } catch {
      // The first command on an article creates its annotation file.
      const skeleton = { version: ANNOTATION_FORMAT_VERSION, article: article.uri.path.split('/').pop() ?? '', entities: [], claims: [], notes: [] };
      const create = new vscode.WorkspaceEdit();
      create.createFile(annotationUri, { ignoreIfExists: true, contents: new TextEncoder().encode(`${JSON.stringify(skeleton, null, 2)}\n`) });
      if (!(await vscode.workspace.applyEdit(create))) {
        this.tell(`Marginalia: could not create ${name}. Is the folder read-only?`);
        return undefined;
      }
      document = await vscode.workspace.openTextDocument(annotationUri);
    }
    const text = document.getText();
    const parsed = this.models.parseAnnotations(text, annotationUri);
    if (!parsed.annotations) {
      const first = parsed.problems.find((problem) => problem.severity === 'error');
      const where = first ? ` (line ${first.start.line + 1}, column ${first.start.column + 1}: ${first.message})` : '';
      this.tell(`Marginalia: ${name} does not parse${where}. Fix it, or undo the change that broke it, then try again. Nothing was changed.`);
      return undefined;
    }
    return { document, text, annotations: parsed.annotations, parsed };
  }

  /** Computes edits on the annotation file as it is now and applies them as one undoable edit (saved only if the setting says so). */
  private async write(article: vscode.TextDocument, compute: (text: string, annotations: AnnotationFile, parsed: ParsedAnnotationFile) => EditsOrRefusal): Promise<boolean> {
    const prepared = await this.prepare(article);
    if (!prepared) return false;
    const { document, text, annotations, parsed } = prepared;
    const result = compute(text, annotations, parsed);
    if (!Array.isArray(result)) {
      this.tell(`Marginalia: ${result.refuse} Nothing was changed.`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of result) edit.replace(document.uri, rangeOfOffsets(document, e.offset, e.offset + e.length), e.content);
    if (!(await vscode.workspace.applyEdit(edit))) {
      this.tell(`Marginalia: ${document.uri.path.split('/').pop()} could not be changed. Is it read-only?`);
      return false;
    }
    if (vscode.workspace.getConfiguration().get<boolean>(SAVE_AFTER_COMMAND_SETTING, false)) await document.save();
    this.offerUndo(article, document);
    return true;
  }

  /**
   * Says where the change went and where its undo lives: Ctrl+Z in the article undoes only the
   * article's own edits, so a status bar item offers to undo the change in the annotation file.
   */
  private offerUndo(article: vscode.TextDocument, annotationFile: vscode.TextDocument): void {
    const name = annotationFile.uri.path.split('/').pop() ?? 'the annotation file';
    this.lastChange = { article: article.uri, annotationFile: annotationFile.uri, version: annotationFile.version };
    this.undoItem ??= vscode.window.createStatusBarItem('marginalia.undo', vscode.StatusBarAlignment.Left, 100);
    this.undoItem.name = 'Marginalia: Undo';
    this.undoItem.text = `$(discard) Undo in ${name}`;
    this.undoItem.tooltip = `Marginalia changed ${name}${annotationFile.isDirty ? ' (not saved yet)' : ''}. Ctrl+Z in the article undoes the article's own edits; this undoes the change in ${name} (Ctrl+Z there does too).`;
    this.undoItem.command = 'marginalia.undoLastChange';
    this.undoItem.show();
    clearTimeout(this.undoTimer);
    this.undoTimer = setTimeout(() => this.undoItem?.hide(), 15_000);
  }

  /** Undoes Marginalia's last change with VS Code's own undo in the annotation file, then returns to the article. */
  async undoLastChange(): Promise<boolean> {
    this.undoItem?.hide();
    const change = this.lastChange;
    const annotationFile = change && vscode.workspace.textDocuments.find((document) => document.uri.toString() === change.annotationFile.toString());
    if (!change || !annotationFile || annotationFile.version !== change.version) {
      this.tell('Marginalia: the annotation file has changed since Marginalia\'s last change; undo in it directly (Ctrl+Z there).');
      return false;
    }
    this.lastChange = undefined;
    await vscode.window.showTextDocument(annotationFile, { preview: true, preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    const article = vscode.workspace.textDocuments.find((document) => document.uri.toString() === change.article.toString());
    if (article) await vscode.window.showTextDocument(article, { preserveFocus: false });
    return true;
  }

  /** The active editor's selection in an article, checked; undefined after explaining what is wrong. */
  private async selectedPassage(options: { wholeMentions: boolean }): Promise<SelectedPassage | undefined> {
    const editor = vscode.window.activeTextEditor;
    const refuse = (message: string) => {
      this.tell(`Marginalia: ${message}`);
      return undefined;
    };
    if (editor?.document.isUntitled && editor.document.languageId === 'markdown') return refuse('save the article first (as a .md file): its annotations are stored in a file beside it.');
    if (!editor || !ArticleModelService.isArticle(editor.document)) return refuse('annotate in a Markdown article (a .md file): select text there first.');
    const { document, selection } = editor;
    if (vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false) return refuse('this article is on a read-only file system; its annotation file cannot be written.');
    let start = document.offsetAt(selection.start);
    let end = document.offsetAt(selection.end);
    const text = document.getText();
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start === end) return refuse('select the text to annotate first (the selection is empty or only white space).');
    const model = await this.models.whenModelReady(document);
    if (options.wholeMentions && model) {
      // A name found inside or across another mention would never show there (the longest match wins).
      const cut = model.mentions.find((m) => m.start < end && start < m.end && !(start <= m.start && m.end <= end));
      if (cut) {
        const entity = model.entityById.get(cut.entityId);
        const how = cut.start <= start && end <= cut.end ? 'is inside' : 'cuts across';
        return refuse(`the selection ${how} the mention "${text.slice(cut.start, cut.end)}" of ${entity?.name ?? cut.entityId}. Select the whole mention, or only text outside it.`);
      }
    }
    return { document, start, end, text: text.slice(start, end), model };
  }

  /** The article being read and its model; undefined after asking the user to open one. */
  private async currentArticle(): Promise<{ document: vscode.TextDocument; model: ArticleModel } | undefined> {
    const current = await this.models.currentArticleWithModel();
    if (!current) this.tell('Marginalia: open an annotated article first.');
    return current;
  }

  /** Explains why a command did nothing. */
  private tell(message: string): void {
    this.lastRefusal = message;
    void vscode.window.showErrorMessage(message);
  }

  private pickAnnotation(model: ArticleModel, title: string): Promise<{ kind: 'entity' | 'claim' | 'note'; id: string } | undefined> {
    return this.prompter.pick<{ kind: 'entity' | 'claim' | 'note'; id: string }>(title, [
      ...model.entities.map((e) => ({ label: e.name, description: `entity · ${e.kind} · ${e.type}`, value: { kind: 'entity' as const, id: e.id } })),
      ...model.claims.map((c) => ({ label: c.record.summary, description: `claim · ${claimantName(model, c.record.claimant)}`, value: { kind: 'claim' as const, id: c.record.id } })),
      ...model.notes.map((n) => ({ label: n.record.text, description: 'note', value: { kind: 'note' as const, id: n.record.id } })),
    ]);
  }

  private entityItems(model: ArticleModel | undefined): Array<PickItem<string>> {
    return (model?.entities ?? []).map((entity) => ({ label: entity.name, description: `${entity.kind} · ${entity.type}`, value: entity.id }));
  }

  private async pickEntity(model: ArticleModel | undefined, title: string): Promise<string | undefined> {
    const items = this.entityItems(model);
    if (items.length === 0) {
      this.tell('Marginalia: there are no entities yet. Mark one with "Mark as New Entity" first.');
      return undefined;
    }
    return this.prompter.pick(title, items);
  }

  dispose(): void {
    clearTimeout(this.undoTimer);
    this.undoItem?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/**
 * What a command was invoked on: a hover card's or the palette's argument ({ claimId }, { entityId },
 * { kind, id }), or a row of the Claims or Entities view.
 */
function targetOf(argument: unknown): { kind: 'entity' | 'claim' | 'note'; id: string } | undefined {
  if (!argument || typeof argument !== 'object') return undefined;
  const value = argument as {
    kind?: 'entity' | 'claim' | 'note';
    id?: string;
    claimId?: string;
    noteId?: string;
    entityId?: string;
    type?: string;
    node?: { claim?: { record?: { id?: string } } };
    entity?: { id?: string };
  };
  if (value.kind && value.id) return { kind: value.kind, id: value.id };
  if (value.claimId) return { kind: 'claim', id: value.claimId };
  if (value.noteId) return { kind: 'note', id: value.noteId };
  if (value.type === 'claim' && value.node?.claim?.record?.id) return { kind: 'claim', id: value.node.claim.record.id };
  if (value.entityId && !('mention' in value)) return { kind: 'entity', id: value.entityId };
  if (value.entity?.id) return { kind: 'entity', id: value.entity.id };
  return undefined;
}

/** F2 on a mention renames the entity's display name in the annotation file; the article's text is never changed. */
class EntityRenameProvider implements vscode.RenameProvider {
  constructor(
    private readonly commands: AnnotatingCommands,
    private readonly models: ArticleModelService,
  ) {}

  async prepareRename(document: vscode.TextDocument, position: vscode.Position): Promise<{ range: vscode.Range; placeholder: string }> {
    const found = await this.mentionAt(document, position);
    if (!found) throw new Error('Rename works on a highlighted mention: it renames the entity, not the article’s text.');
    return { range: rangeOfOffsets(document, found.mention.start, found.mention.end), placeholder: found.entity.name };
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit | undefined> {
    const found = await this.mentionAt(document, position);
    if (!found || !newName.trim()) return undefined;
    return this.commands.renameEdit(document, found.entity.id, newName.trim());
  }

  private async mentionAt(document: vscode.TextDocument, position: vscode.Position) {
    const model = this.models.getModel(document);
    const mention = model && mentionAt(model, document.offsetAt(position));
    const entity = mention && model.entityById.get(mention.entityId);
    return mention && entity ? { mention, entity } : undefined;
  }
}

/** The name a selection starts with, for a new claimant: its first capitalised words ("Iran's Foreign Ministry said…" → "Iran's Foreign Ministry"). */
function leadingName(text: string): string | undefined {
  const match = /^(?:(?:the|The)\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:of|the|for|and|de|al)?\s*\p{Lu}[\p{L}\p{M}'’.-]*)*/u.exec(text.trim());
  return match ? match[0].replace(/['’]s$/u, '').trim() : undefined;
}

/** At most `limit` characters of the text on one line, cut at a word boundary. */
function firstWords(text: string, limit: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= limit) return line;
  const cut = line.slice(0, limit + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : line.slice(0, limit)).replace(/[\s,;:]+$/, '')}…`;
}

function nameOccursIn(text: string, name: string): boolean {
  return text.toLowerCase().includes(name.trim().toLowerCase());
}

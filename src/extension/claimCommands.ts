import * as vscode from 'vscode';
import { addClaim, setClaimField, type NewEntity } from '../model/format/annotationOperations';
import { STANCES, type Stance } from '../model/format/annotationTypes';
import type { ArticleModel } from '../model/article/articleModel';
import { claimsAt } from '../model/article/modelQueries';
import { targetOf, type AnnotatingContext } from './annotatingContext';
import type { Command } from './commandManager';

/** The claimant choice that creates an entity first. */
const NEW_ENTITY = 'marginalia:new-entity';

/** Commands on claims: add one, answer one, change its claimant, stance or what it is about. */
export function claimCommands(context: AnnotatingContext): Command[] {
  return [
    { id: 'marginalia.addClaim', execute: () => addClaimOfSelection(context) },
    { id: 'marginalia.answerClaim', execute: (target?: unknown) => answerClaim(context, targetOf(target)?.id) },
    { id: 'marginalia.changeClaimant', execute: (target?: unknown) => changeClaimant(context, targetOf(target)?.id) },
    { id: 'marginalia.changeStance', execute: (target?: unknown) => changeStance(context, targetOf(target)?.id) },
    { id: 'marginalia.changeAbout', execute: (target?: unknown) => changeAbout(context, targetOf(target)?.id) },
  ];
}

async function addClaimOfSelection(context: AnnotatingContext, answering?: { claimId: string; stance: Stance; stepsBefore: number }): Promise<boolean> {
  const selected = await context.selectedPassage({ wholeMentions: false });
  if (!selected) return false;
  const { prompter } = context;
  const flow = answering ? vscode.l10n.t('Answer') : vscode.l10n.t('New claim');
  // One count across the flow: the steps of choosing what to answer, then these three, then four more for a new claimant.
  const before = answering?.stepsBefore ?? 0;
  let total = before + 3;
  const at = (k: number) => vscode.l10n.t('{0} ({1}/{2})', flow, before + k, total);
  const chosen = await prompter.pick<string | null | typeof NEW_ENTITY>(vscode.l10n.t('{0}: who claims it?', at(1)), [
    // "Unattributed" is what cards and views show for such a claim.
    { label: vscode.l10n.t('Unattributed'), description: vscode.l10n.t('no one in particular: "it is widely thought…"'), value: null },
    { label: vscode.l10n.t('New entity…'), description: vscode.l10n.t('one not annotated yet'), value: NEW_ENTITY },
    ...context.entityItems(selected.model),
  ]);
  if (chosen === undefined) return false;
  let newClaimant: NewEntity | undefined;
  if (chosen === NEW_ENTITY) {
    total += 4;
    newClaimant = await context.askNewEntity(vscode.l10n.t('{0}, new claimant', flow), leadingName(selected.text), { first: before + 2, total });
    if (!newClaimant) return false;
  }
  const aboutStep = chosen === NEW_ENTITY ? 6 : 2;
  // Offered checked: the entities the selection mentions (the claimant aside).
  const mentioned = new Set((selected.model?.mentions.between(selected.start, selected.end) ?? []).filter((m) => m.start >= selected.start && m.end <= selected.end && m.entityId !== chosen).map((m) => m.entityId));
  const about = await prompter.pickMany(
    vscode.l10n.t('{0}: about whom or what? (optional)', at(aboutStep)),
    context.entityItems(selected.model).map((item) => ({ ...item, picked: mentioned.has(item.value) })),
  );
  if (about === undefined) return false;
  const summary = await prompter.input(vscode.l10n.t('{0}: a one-line summary', at(aboutStep + 1)), {
    value: firstWords(selected.text, 100),
    validate: (value) => (value.trim() ? undefined : vscode.l10n.t('A summary is needed.')),
  });
  if (summary === undefined) return false;
  if (newClaimant && selected.model && !nameOccursIn(selected.model.article.source.text, newClaimant.name)) {
    // Probably a typo: the new entity would have no mention at all.
    void vscode.window.showWarningMessage(vscode.l10n.t('Marginalia: "{0}" does not occur in the article, so the new claimant has no mentions. Check its spelling, or add the article\'s wording as an alias.', newClaimant.name));
  }
  const [passage] = context.describePassages(selected.document, [selected], selected.model);
  const claimant = newClaimant ? { create: newClaimant } : (chosen as string | null);
  return context.write(selected.document, (file) => addClaim(file, { claimant, about, summary, passage, answering }));
}

async function answerClaim(context: AnnotatingContext, claimId?: string): Promise<boolean> {
  const pickedHere = claimId === undefined;
  const document = vscode.window.activeTextEditor?.document;
  const model = document && (await context.models.whenModelReady(document));
  if (!claimId) {
    if (!model || model.claims.length === 0) {
      context.tell(vscode.l10n.t('Marginalia: there is no claim to answer yet in this article. Add a claim first.'));
      return false;
    }
    const editor = vscode.window.activeTextEditor!;
    // Offered first: the claim under the cursor, if the selection is not itself inside it.
    const [underCursor] = claimsAt(model, document!.offsetAt(editor.selection.active));
    const items = context.claimItems(model);
    if (underCursor) items.sort((a, b) => Number(b.value === underCursor.record.id) - Number(a.value === underCursor.record.id));
    claimId = await context.prompter.pick(vscode.l10n.t('Answer (1/5): which claim?'), items);
    if (!claimId) return false;
  }
  const stepsBefore = pickedHere ? 2 : 1;
  const stance = await context.prompter.pick<Stance>(vscode.l10n.t('Answer ({0}/{1}): how does the selection answer it?', stepsBefore, stepsBefore + 3), STANCES.map((s) => ({ label: s, value: s })));
  if (!stance) return false;
  return addClaimOfSelection(context, { claimId, stance, stepsBefore });
}

/** Changes who makes a claim (or makes it no one's in particular). */
async function changeClaimant(context: AnnotatingContext, claimId?: string): Promise<boolean> {
  const chosen = await context.chosenClaim(vscode.l10n.t('Change the claimant of which claim?'), claimId);
  if (!chosen) return false;
  const { document, model, claim } = chosen;
  const claimant = await context.prompter.pick<string | null>(vscode.l10n.t('Who makes the claim "{0}"?', claim.record.summary), [
    { label: vscode.l10n.t('Unattributed'), description: vscode.l10n.t('no one in particular: "it is widely thought…"'), value: null },
    ...context.entityItems(model),
  ]);
  if (claimant === undefined) return false;
  return context.write(document, (file) => setClaimField(file, claim.record.id, 'claimant', claimant));
}

/** Changes how a counterclaim or support answers its claim. */
async function changeStance(context: AnnotatingContext, claimId?: string): Promise<boolean> {
  const answers = (model: ArticleModel) => model.claims.filter((c) => c.record.answers !== undefined).map((c) => ({ label: c.record.summary, description: `${c.record.stance ?? ''}`, value: c.record.id }));
  const chosen = await context.chosenClaim(vscode.l10n.t('Change the stance of which answer?'), claimId, answers);
  if (!chosen) return false;
  const { document, claim } = chosen;
  if (!claim.record.answers) {
    context.tell(vscode.l10n.t('Marginalia: "{0}" answers no claim, so it has no stance. Use Answer Claim to make a claim answer another.', claim.record.summary));
    return false;
  }
  const stance = await context.prompter.pick<Stance>(vscode.l10n.t('How does "{0}" answer its claim?', claim.record.summary), STANCES.map((s) => ({ label: s, description: s === claim.record.stance ? vscode.l10n.t('now') : undefined, value: s })));
  if (!stance) return false;
  return context.write(document, (file) => setClaimField(file, claim.record.id, 'stance', stance));
}

/** Changes whom or what a claim is about. */
async function changeAbout(context: AnnotatingContext, claimId?: string): Promise<boolean> {
  const chosen = await context.chosenClaim(vscode.l10n.t('Change what which claim is about?'), claimId);
  if (!chosen) return false;
  const { document, model, claim } = chosen;
  const items = context.entityItems(model).map((item) => ({ ...item, picked: claim.record.about?.includes(item.value) ?? false }));
  const about = await context.prompter.pickMany(vscode.l10n.t('What is "{0}" about?', claim.record.summary), items);
  if (about === undefined) return false;
  return context.write(document, (file) => setClaimField(file, claim.record.id, 'about', about));
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

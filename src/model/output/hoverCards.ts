import type { ArticleModel, EntityMention, ResolvedClaim, ResolvedNote } from '../article/articleModel';
import { claimantName } from '../article/modelQueries';
import type { EntityRecord } from '../format/annotationTypes';
import { abbreviate } from '../text/abbreviate';
import { claimsOfEntity } from '../article/modelQueries';

// Hover cards as Markdown text, built in the core so that what they say is tested under plain Node.
// Everything that comes from a file is escaped; links run only the extension's own commands.

/** The commands a hover card may run; the adapter allows exactly these (isTrusted.enabledCommands). */
export const HOVER_COMMANDS = [
  'marginalia.previousMention',
  'marginalia.nextMention',
  'marginalia.showMentions',
  'marginalia.revealEntity',
  'marginalia.openEntityDefinition',
  'marginalia.revealClaim',
  'marginalia.copyCitation',
  'marginalia.renameEntity',
  'marginalia.editSummary',
  'marginalia.deleteAnnotation',
  'marginalia.answerClaim',
  'marginalia.changeEntityType',
  'marginalia.changeClaimant',
  'marginalia.changeStance',
  'marginalia.changeAbout',
] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** What a command link passes: the article, and what the link is about. */
export interface HoverCommandArgs {
  uri: string;
  entityId?: string;
  claimId?: string;
  noteId?: string;
  offset?: number;
}

/** Escapes text so that Markdown shows it literally (no emphasis, links, HTML or line breaks). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : `\\${char}`))
    .replace(/\r?\n/g, ' ');
}

function commandLink(label: string, command: HoverCommand, args: HoverCommandArgs, title: string): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${title}")`;
}

function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[()<> "\\[\]]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function describeKind(entity: EntityRecord): string {
  return `${entity.kind} · ${entity.type}`;
}


function claimLine(model: ArticleModel, claim: ResolvedClaim, uri: string): string {
  const { record } = claim;
  const stance = record.stance && record.answers ? ` *${record.stance}* “${escapeMarkdown(abbreviate(model.claims.find((c) => c.record.id === record.answers)?.record.summary ?? record.answers, 50))}”` : '';
  const who = escapeMarkdown(claimantName(model, record.claimant));
  return `- ${commandLink(escapeMarkdown(abbreviate(record.summary, 90)), 'marginalia.revealClaim', { uri, claimId: record.id }, 'Show the passage')} — ${who}${stance}`;
}

/** The card for a mention: who or what it is, where else it is mentioned, what it claims and what is claimed about it. */
export function entityHoverMarkdown(model: ArticleModel, mention: EntityMention, uri: string): string {
  const entity = model.entityById.get(mention.entityId);
  if (!entity) return '';
  const mentions = model.mentionsByEntity.get(entity.id) ?? [];
  const index = mentions.findIndex((m) => m.start === mention.start);
  const args: HoverCommandArgs = { uri, entityId: entity.id, offset: mention.start };
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(entity.name)}** · ${describeKind(entity)}`);
  if (entity.summary) lines.push('', escapeMarkdown(entity.summary));
  const aliases = (entity.aliases ?? []).filter((alias) => alias !== entity.name);
  if (aliases.length > 0) lines.push('', `*Also:* ${aliases.map(escapeMarkdown).join(', ')}`);
  const links = (entity.links ?? []).flatMap((link) => {
    const url = safeUrl(link.url);
    return url ? [`[${escapeMarkdown(link.title)}](${url})`] : [];
  });
  if (links.length > 0) lines.push('', links.join(' · '));
  lines.push(
    '',
    [
      `Mention ${index + 1} of ${mentions.length}`,
      commandLink('$(arrow-up) Previous', 'marginalia.previousMention', args, 'Previous mention'),
      commandLink('$(arrow-down) Next', 'marginalia.nextMention', args, 'Next mention'),
      commandLink('$(references) All mentions', 'marginalia.showMentions', args, 'All mentions'),
      commandLink('$(list-tree) Reveal in sidebar', 'marginalia.revealEntity', args, 'Reveal in the Entities view'),
      commandLink('$(json) Definition', 'marginalia.openEntityDefinition', args, 'Open its entry in the annotation file'),
    ].join(' · '),
    '',
    [
      commandLink('$(edit) Rename', 'marginalia.renameEntity', { uri, entityId: entity.id }, 'Rename the entity (the article is not changed)'),
      commandLink('$(edit) Edit summary', 'marginalia.editSummary', { uri, entityId: entity.id }, 'Edit its summary'),
      commandLink('$(symbol-enum) Change type', 'marginalia.changeEntityType', { uri, entityId: entity.id }, 'Change its kind and type'),
      commandLink('$(trash) Delete', 'marginalia.deleteAnnotation', { uri, entityId: entity.id }, 'Delete the entity from the annotation file'),
    ].join(' · '),
  );
  const { makes, about } = claimsOfEntity(model, entity.id);
  if (makes.length > 0) lines.push('', '---', '', `**Claims it makes** (${makes.length})`, '', ...makes.map((claim) => claimLine(model, claim, uri)));
  if (about.length > 0) lines.push('', '---', '', `**Claims about it** (${about.length})`, '', ...about.map((claim) => claimLine(model, claim, uri)));
  return lines.join('\n');
}

/** The card for a claim passage: what is claimed, by whom, what it answers and what answers it. */
export function claimHoverMarkdown(model: ArticleModel, claim: ResolvedClaim, uri: string): string {
  const { record } = claim;
  const lines: string[] = [];
  const stance = record.stance ? ` · *${record.stance}*` : '';
  lines.push(`**Claim** · ${escapeMarkdown(claimantName(model, record.claimant))}${stance}`);
  lines.push('', escapeMarkdown(record.summary));
  if (record.answers) {
    const answered = model.claims.find((c) => c.record.id === record.answers);
    if (answered) lines.push('', `*${record.stance ?? 'answers'}:*`, '', claimLine(model, answered, uri));
  }
  const answeredBy = model.claims.filter((c) => c.record.answers === record.id);
  if (answeredBy.length > 0) lines.push('', `**Answered by** (${answeredBy.length})`, '', ...answeredBy.map((c) => claimLine(model, c, uri)));
  if (record.about && record.about.length > 0) lines.push('', `*About:* ${record.about.map((id) => escapeMarkdown(claimantName(model, id))).join(', ')}`);
  if (claim.anchor.status === 'fuzzy') {
    lines.push('', `$(search-fuzzy) *Found approximately (score ${claim.anchor.score.toFixed(2)}): the passage was edited since it was annotated.*`);
  }
  const target = { uri, claimId: record.id };
  lines.push(
    '',
    [
      commandLink('$(copy) Copy as citation', 'marginalia.copyCitation', target, 'Copy the passage as a citation'),
      commandLink('$(reply) Answer with the selection', 'marginalia.answerClaim', target, 'Make the selected text a counterclaim or support of this claim'),
      commandLink('$(edit) Edit summary', 'marginalia.editSummary', target, 'Edit the claim\'s summary'),
      commandLink('$(person) Change claimant', 'marginalia.changeClaimant', target, 'Change who makes the claim'),
      ...(record.answers ? [commandLink('$(git-compare) Change stance', 'marginalia.changeStance', target, 'Change how it answers its claim')] : []),
      commandLink('$(tag) Change about', 'marginalia.changeAbout', target, 'Change whom or what the claim is about'),
      commandLink('$(trash) Delete', 'marginalia.deleteAnnotation', target, 'Delete the claim from the annotation file'),
    ].join(' · '),
  );
  return lines.join('\n');
}

/** The card of a note on its passage: its text, who wrote it and when, and links to cite, edit or delete it. */
export function noteHoverMarkdown(note: ResolvedNote, uri: string): string {
  const { record } = note;
  const by = [record.author, record.created].filter(Boolean).map((part) => escapeMarkdown(part!)).join(', ');
  const target = { uri, noteId: record.id };
  return [
    `**Note**${by ? ` · ${by}` : ''}`,
    '',
    escapeMarkdown(record.text),
    '',
    [
      commandLink('$(copy) Copy passage as citation', 'marginalia.copyCitation', target, 'Copy the noted passage as a citation'),
      commandLink('$(edit) Edit', 'marginalia.editSummary', target, 'Edit the note'),
      commandLink('$(trash) Delete', 'marginalia.deleteAnnotation', target, 'Delete the note from the annotation file'),
    ].join(' · '),
  ].join('\n');
}

import * as l10n from '@vscode/l10n';
import type { ArticleModel, EntityMention, ResolvedClaim, ResolvedNote } from '../article/articleModel';
import { claimantName } from '../article/modelQueries';
import type { EntityRecord } from '../format/annotationTypes';
import { abbreviate } from '../text/abbreviate';
import { lastPathSegment } from '../format/articlePaths';
import { isFromRegistry } from '../format/withRegistry';
import { claimsOfEntity } from '../article/modelQueries';
import type { ArticleClaim, CorpusIndex } from '../corpus/corpusIndex';

// Hover cards as Markdown text, built in the core so that what they say is tested under plain Node.
// Everything that comes from a file is escaped; links run only the extension's own commands. Their
// words are in the user's language (@vscode/l10n, given the extension's bundle at activation; English
// in the CLI and under plain Node).

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
  'marginalia.moveEntityToRegistry',
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


function claimLine(model: ArticleModel, claim: ResolvedClaim, uri: string, corpus?: CorpusIndex): string {
  const { record } = claim;
  const answered = () => {
    const local = model.claims.find((c) => c.record.id === record.answers)?.record.summary;
    if (local !== undefined || !corpus) return local;
    // A claim of another article, as the corpus knows it.
    const here = corpus.get(uri);
    const indexed = here?.claims.find((c) => c.id === record.id);
    return here && indexed ? corpus.answered(here, indexed)?.claim.summary : undefined;
  };
  const stance = record.stance && record.answers ? ` *${record.stance}* “${escapeMarkdown(abbreviate(answered() ?? record.answers, 50))}”` : '';
  const who = escapeMarkdown(claimantName(model, record.claimant));
  return `- ${commandLink(escapeMarkdown(abbreviate(record.summary, 90)), 'marginalia.revealClaim', { uri, claimId: record.id }, l10n.t('Show the passage'))} — ${who}${stance}`;
}

/** A claim of another article: its summary (a link to its passage there), its stance, and the article's title. */
function remoteClaimLine({ article, claim }: ArticleClaim): string {
  const stance = claim.stance && claim.answers ? ` *${claim.stance}*` : '';
  return `- ${commandLink(escapeMarkdown(abbreviate(claim.summary, 90)), 'marginalia.revealClaim', { uri: article.key, claimId: claim.id }, l10n.t('Show the passage'))}${stance} — *${escapeMarkdown(abbreviate(article.title, 50))}*`;
}

/** The card for a mention: who or what it is, where else it is mentioned, what it claims and what is claimed about it. */
export function entityHoverMarkdown(model: ArticleModel, mention: EntityMention, uri: string, corpus?: CorpusIndex): string {
  const entity = model.entityById.get(mention.entityId);
  if (!entity) return '';
  const mentions = model.mentionsByEntity.get(entity.id) ?? [];
  const index = mentions.findIndex((m) => m.start === mention.start);
  const args: HoverCommandArgs = { uri, entityId: entity.id, offset: mention.start };
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(entity.name)}** · ${describeKind(entity)}`);
  if (entity.summary) lines.push('', escapeMarkdown(entity.summary));
  const aliases = (entity.aliases ?? []).filter((alias) => alias !== entity.name);
  if (aliases.length > 0) lines.push('', l10n.t('*Also:* {0}', aliases.map(escapeMarkdown).join(', ')));
  const links = (entity.links ?? []).flatMap((link) => {
    const url = safeUrl(link.url);
    return url ? [`[${escapeMarkdown(link.title)}](${url})`] : [];
  });
  if (links.length > 0) lines.push('', links.join(' · '));
  lines.push(
    '',
    [
      l10n.t('Mention {0} of {1}', index + 1, mentions.length),
      commandLink(l10n.t('$(arrow-up) Previous'), 'marginalia.previousMention', args, l10n.t('Previous mention')),
      commandLink(l10n.t('$(arrow-down) Next'), 'marginalia.nextMention', args, l10n.t('Next mention')),
      commandLink(l10n.t('$(references) All mentions'), 'marginalia.showMentions', args, l10n.t('All mentions')),
      commandLink(l10n.t('$(list-tree) Reveal in sidebar'), 'marginalia.revealEntity', args, l10n.t('Reveal in the Entities view')),
      commandLink(l10n.t('$(json) Definition'), 'marginalia.openEntityDefinition', args, l10n.t('Open its entry in the annotation file')),
    ].join(' · '),
  );
  // An entity of the folder's registry is edited there, not in this article's annotation file.
  const registry = model.annotationFile.registry;
  if (registry && isFromRegistry(model.annotationFile, model.entities.indexOf(entity))) {
    lines.push('', l10n.t('*Shared by the articles of this folder, in* {0}', escapeMarkdown(lastPathSegment(registry.fileName))));
  } else {
    lines.push(
      '',
      [
        commandLink(l10n.t('$(edit) Rename'), 'marginalia.renameEntity', { uri, entityId: entity.id }, l10n.t('Rename the entity (the article is not changed)')),
        commandLink(l10n.t('$(edit) Edit summary'), 'marginalia.editSummary', { uri, entityId: entity.id }, l10n.t('Edit its summary')),
        commandLink(l10n.t('$(symbol-enum) Change type'), 'marginalia.changeEntityType', { uri, entityId: entity.id }, l10n.t('Change its kind and type')),
        commandLink(l10n.t('$(cloud-upload) Share'), 'marginalia.moveEntityToRegistry', { uri, entityId: entity.id }, l10n.t('Move it to the registry, for every article of the folder')),
        commandLink(l10n.t('$(trash) Delete'), 'marginalia.deleteAnnotation', { uri, entityId: entity.id }, l10n.t('Delete the entity from the annotation file')),
      ].join(' · '),
    );
  }
  const { makes, about } = claimsOfEntity(model, entity.id);
  if (makes.length > 0) lines.push('', '---', '', l10n.t('**Claims it makes** ({0})', makes.length), '', ...makes.map((claim) => claimLine(model, claim, uri, corpus)));
  if (about.length > 0) lines.push('', '---', '', l10n.t('**Claims about it** ({0})', about.length), '', ...about.map((claim) => claimLine(model, claim, uri, corpus)));
  if (corpus) lines.push(...elsewhereLines(corpus, entity.id, uri));
  return lines.join('\n');
}

/** What the corpus knows of an entity outside this article: the other articles that mention it, and the claims it makes or faces there. */
function elsewhereLines(corpus: CorpusIndex, entityId: string, uri: string): string[] {
  const others = corpus.mentionsOf(entityId).filter(({ article }) => article.key !== uri);
  const { makes, about } = corpus.claimsOf(entityId);
  const makesElsewhere = makes.filter(({ article }) => article.key !== uri);
  const aboutElsewhere = about.filter(({ article }) => article.key !== uri);
  if (others.length === 0 && makesElsewhere.length === 0 && aboutElsewhere.length === 0) return [];
  const lines = ['', '---', ''];
  // This article, whose mention the card is on, and the others.
  lines.push(others.length > 0 ? l10n.t('**Elsewhere in the corpus** · mentioned in {0} articles', others.length + 1) : l10n.t('**Elsewhere in the corpus**'));
  if (others.length > 0) {
    lines.push('');
    for (const { article, ranges } of others.slice(0, ELSEWHERE_SHOWN)) {
      lines.push(`- ${commandLink(escapeMarkdown(abbreviate(article.title, 70)), 'marginalia.nextMention', { uri: article.key, entityId, offset: -1 }, l10n.t('Open the article at its first mention'))} — ${mentionCount(ranges.length / 2)}`);
    }
    if (others.length > ELSEWHERE_SHOWN) lines.push(`- ${l10n.t('… and {0} more', others.length - ELSEWHERE_SHOWN)} ${commandLink(l10n.t('$(references) All mentions'), 'marginalia.showMentions', { uri, entityId }, l10n.t('All mentions'))}`);
  }
  const claimLines = (claims: ArticleClaim[]) => [
    ...claims.slice(0, ELSEWHERE_SHOWN).map(({ article, claim }) => `- ${commandLink(escapeMarkdown(abbreviate(claim.summary, 90)), 'marginalia.revealClaim', { uri: article.key, claimId: claim.id }, l10n.t('Show the passage'))} — *${escapeMarkdown(abbreviate(article.title, 50))}*`),
    ...(claims.length > ELSEWHERE_SHOWN ? [`- ${l10n.t('… and {0} more', claims.length - ELSEWHERE_SHOWN)}`] : []),
  ];
  if (makesElsewhere.length > 0) lines.push('', l10n.t('**Claims it makes elsewhere** ({0})', makesElsewhere.length), '', ...claimLines(makesElsewhere));
  if (aboutElsewhere.length > 0) lines.push('', l10n.t('**Claims about it elsewhere** ({0})', aboutElsewhere.length), '', ...claimLines(aboutElsewhere));
  return lines;
}

/** "1 mention", "5 mentions". */
export function mentionCount(count: number): string {
  return count === 1 ? l10n.t('1 mention') : l10n.t('{0} mentions', count);
}

/** How many other articles or claims a card lists before "… and N more". */
const ELSEWHERE_SHOWN = 5;

/** The card for a claim passage: what is claimed, by whom, what it answers and what answers it. */
export function claimHoverMarkdown(model: ArticleModel, claim: ResolvedClaim, uri: string, corpus?: CorpusIndex): string {
  const { record } = claim;
  const lines: string[] = [];
  const stance = record.stance ? ` · *${record.stance}*` : '';
  lines.push(l10n.t('**Claim** · {0}{1}', escapeMarkdown(claimantName(model, record.claimant)), stance));
  lines.push('', escapeMarkdown(record.summary));
  if (record.answers) {
    const answered = model.claims.find((c) => c.record.id === record.answers);
    if (answered) lines.push('', `*${record.stance ?? l10n.t('answers')}:*`, '', claimLine(model, answered, uri));
  }
  const here = corpus?.get(uri);
  const indexed = here?.claims.find((c) => c.id === record.id);
  // A claim of another article that this one answers, and the claims of other articles that answer this one.
  const answeredElsewhere = here && indexed?.answers?.article !== undefined ? corpus!.answered(here, indexed) : undefined;
  if (answeredElsewhere) lines.push('', `*${record.stance ?? l10n.t('answers')}:*`, '', remoteClaimLine(answeredElsewhere));
  else if (indexed?.answers?.article !== undefined) lines.push('', `*${record.stance ?? l10n.t('answers')}:* ${escapeMarkdown(record.answers!)}`);
  const answeredBy = model.claims.filter((c) => c.record.answers === record.id);
  const answersFromElsewhere = corpus && here ? corpus.answersFromElsewhere(uri, record.id) : [];
  const answerCount = answeredBy.length + answersFromElsewhere.length;
  if (answerCount > 0) lines.push('', l10n.t('**Answered by** ({0})', answerCount), '', ...answeredBy.map((c) => claimLine(model, c, uri, corpus)), ...answersFromElsewhere.map(remoteClaimLine));
  if (record.about && record.about.length > 0) lines.push('', l10n.t('*About:* {0}', record.about.map((id) => escapeMarkdown(claimantName(model, id))).join(', ')));
  if (claim.anchor.status === 'fuzzy') {
    lines.push('', l10n.t('$(search-fuzzy) *Found approximately (score {0}): the passage was edited since it was annotated.*', claim.anchor.score.toFixed(2)));
  }
  const target = { uri, claimId: record.id };
  lines.push(
    '',
    [
      commandLink(l10n.t('$(copy) Copy as citation'), 'marginalia.copyCitation', target, l10n.t('Copy the passage as a citation')),
      commandLink(l10n.t('$(reply) Answer with the selection'), 'marginalia.answerClaim', target, l10n.t('Make the selected text a counterclaim or support of this claim')),
      commandLink(l10n.t('$(edit) Edit summary'), 'marginalia.editSummary', target, l10n.t('Edit the claim\'s summary')),
      commandLink(l10n.t('$(person) Change claimant'), 'marginalia.changeClaimant', target, l10n.t('Change who makes the claim')),
      ...(record.answers ? [commandLink(l10n.t('$(git-compare) Change stance'), 'marginalia.changeStance', target, l10n.t('Change how it answers its claim'))] : []),
      commandLink(l10n.t('$(tag) Change about'), 'marginalia.changeAbout', target, l10n.t('Change whom or what the claim is about')),
      commandLink(l10n.t('$(trash) Delete'), 'marginalia.deleteAnnotation', target, l10n.t('Delete the claim from the annotation file')),
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
    by ? l10n.t('**Note** · {0}', by) : l10n.t('**Note**'),
    '',
    escapeMarkdown(record.text),
    '',
    [
      commandLink(l10n.t('$(copy) Copy passage as citation'), 'marginalia.copyCitation', target, l10n.t('Copy the noted passage as a citation')),
      commandLink(l10n.t('$(edit) Edit'), 'marginalia.editSummary', target, l10n.t('Edit the note')),
      commandLink(l10n.t('$(trash) Delete'), 'marginalia.deleteAnnotation', target, l10n.t('Delete the note from the annotation file')),
    ].join(' · '),
  ].join('\n');
}

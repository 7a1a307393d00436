import * as l10n from '@vscode/l10n';
import type { JSONPath } from 'jsonc-parser';
import { answerCycles } from './answerCycles';
import { parseClaimReference } from './claimReference';
import { isSharedEntityPassages } from './sharedEntityPassages';
import { COLLECTIONS, entryName, MAX_ALIAS_LENGTH, type AnnotationFile, type ClaimRecord, type Collection, type EntityRecord, type NoteRecord, type PassageSelector } from './annotationTypes';
import { replaceWithFix, type ProblemFix, type ProblemSeverity } from './problem';
import { httpUrl } from '../text/httpUrl';
import { ENTRIES_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';

// The annotation file's meaning, which the schema cannot check: unique ids, references to entities and
// claims, answer chains and cycles, names and aliases, links and positions.

/**
 * Reports a problem at a JSON path of the file (on its key, with keyOnly). A message given as a function
 * is written only when read: an unknown id that a registry defines is dropped unread (see withRegistry).
 */
export type ReportAt = (severity: ProblemSeverity, code: string, message: string | (() => string), path: JSONPath, keyOnly?: boolean, fix?: ProblemFix | (() => ProblemFix | undefined)) => void;

/** Checks what the schema cannot: ids, references, answer chains, names and aliases. */
export function* checkMeaning(
  annotations: AnnotationFile,
  raw: Record<string, unknown>,
  reportAt: ReportAt,
  invalidEntries: ReadonlySet<string>,
): ResumableWork<void> {
  let steps = 0;
  // Paths must point into the raw file, whose indexes differ from the kept arrays once invalid entries are dropped.
  const indexed = <T>(collection: Collection): Array<{ entry: T; index: number }> => {
    const entries = Array.isArray(raw[collection]) ? (raw[collection] as T[]) : [];
    return entries
      .map((entry, index) => ({ entry, index }))
      .filter(({ index }) => !invalidEntries.has(`${collection}/${index}`));
  };
  // Entries without kind, type and name add passages to a registry's entity: they name no entity of their own.
  const entities = indexed<EntityRecord>('entities').filter(({ entry }) => !isSharedEntityPassages(entry));
  for (const { entry, index } of indexed<{ id: string }>('entities')) {
    if (!isSharedEntityPassages(entry)) continue;
    // Dropped once the registry is merged in and has the id (see withRegistry).
    reportAt('error', 'unknown-id', l10n.t('No entity "{0}" in a registry: an entry without "kind", "type" and "name" holds this article\'s passages of the registry\'s entity with its id. Add "kind", "type" and "name" to make it an entity of this article.', entry.id), ['entities', index, 'id']);
  }
  const claims = indexed<ClaimRecord>('claims');
  const notes = indexed<{ id: string }>('notes');

  // Where each id is first used, described only when another entry uses it too.
  const firstUse = new Map<string, { collection: Collection; index: number }>();
  for (const collection of COLLECTIONS) {
    for (const { entry, index } of indexed<{ id: string }>(collection)) {
      if (++steps % ENTRIES_BETWEEN_PAUSES === 0) yield;
      const first = firstUse.get(entry.id);
      if (first) {
        const where = l10n.t('{0} {1} of "{2}"', entryName(first.collection), first.index + 1, first.collection);
        reportAt('error', 'duplicate-id', l10n.t('The id "{0}" is already used by {1}; ids must be unique in the file.', entry.id, where), [collection, index, 'id']);
      } else {
        firstUse.set(entry.id, { collection, index });
      }
    }
  }

  const entityIds = new Set(entities.map(({ entry }) => entry.id));
  const claimIds = new Set(claims.map(({ entry }) => entry.id));
  const unknownEntity = (id: string) =>
    annotations.registry
      ? l10n.t('No entity "{0}" in this file or in its registry "{1}".', id, annotations.registry)
      : l10n.t('No entity with the id "{0}" in this file.{1}', id, suggest(id, entityIds));
  // A registry's ids are known once it is merged (see withRegistry), which drops these problems for them.
  const referenceSeverity: ProblemSeverity = 'error';

  // Forms (name or alias) by their lower-cased text, to find those that name two entities: one problem per form.
  const forms = new Map<string, Array<{ entity: EntityRecord; text: string; path: JSONPath }>>();
  for (const { entry, index } of entities) {
    if (++steps % ENTRIES_BETWEEN_PAUSES === 0) yield;
    if (entry.name.trim().length === 0) reportAt('error', 'empty-name', l10n.t('Entity "{0}" has an empty name.', entry.id), ['entities', index, 'name']);
    const own: Array<{ text: string; path: JSONPath }> = [{ text: entry.name, path: ['entities', index, 'name'] }];
    (entry.aliases ?? []).forEach((alias, aliasIndex) => {
      const path: JSONPath = ['entities', index, 'aliases', aliasIndex];
      if (alias.trim().length === 0) reportAt('error', 'empty-name', l10n.t('Entity "{0}" has an empty alias.', entry.id), path);
      else if (alias.trim() !== alias) reportAt('warning', 'alias-whitespace', l10n.t('The alias "{0}" starts or ends with a space, so it never matches a whole word.', alias), path);
      own.push({ text: alias, path });
    });
    for (const form of own) {
      const unseen = markupNoReaderSees(form.text);
      if (unseen) reportAt('warning', 'alias-never-matches', l10n.t('"{0}" {1}; names are matched on the text as a reader sees it, so it never matches.', form.text, unseen), form.path);
      if (form.text.length > MAX_ALIAS_LENGTH) {
        reportAt('error', 'alias-too-long', l10n.t('This name or alias of "{0}" is {1} characters long; at most {2} are matched, so it is never highlighted.', entry.id, form.text.length, MAX_ALIAS_LENGTH), form.path);
        continue;
      }
      const key = withoutAccents(form.text.trim().normalize('NFC').toLowerCase());
      if (!key) continue;
      const list = forms.get(key);
      if (list) list.push({ entity: entry, text: form.text, path: form.path });
      else forms.set(key, [{ entity: entry, text: form.text, path: form.path }]);
    }
    // Only addresses that parse are shown or exported, normalised (quotes and brackets encoded).
    if (entry.links) entry.links = entry.links.flatMap((link, linkIndex) => {
      const url = httpUrl(link.url);
      if (url !== undefined) return [{ ...link, url }];
      reportAt('warning', 'link-url', l10n.t('This link of "{0}" is not an http or https address that parses; it is left out of cards, citations and exports.', entry.id), ['entities', index, 'links', linkIndex, 'url']);
      return [];
    });
    (entry.relations ?? []).forEach((relation, relationIndex) => {
      if (!entityIds.has(relation.entity)) reportAt(referenceSeverity, 'unknown-id', () => unknownEntity(relation.entity), ['entities', index, 'relations', relationIndex, 'entity']);
      else if (relation.entity === entry.id) reportAt('error', 'self-relation', l10n.t('Entity "{0}" is related to itself.', entry.id), ['entities', index, 'relations', relationIndex, 'entity']);
    });
  }
  for (const list of forms.values()) {
    const clash = sharedFormClash(list);
    if (!clash) continue;
    const [, second] = clash.uses;
    const names = clash.entityIds.slice(0, 5).map((id) => `"${id}"`);
    const who =
      clash.entityIds.length === 2
        ? l10n.t('both {0} and {1}', names[0], names[1])
        : clash.entityIds.length > 5
          ? l10n.t('{0} entities: {1} and {2} more', clash.entityIds.length, names.join(', '), clash.entityIds.length - 5)
          : l10n.t('{0} entities: {1}', clash.entityIds.length, names.join(', '));
    reportAt('error', 'shared-alias', l10n.t('"{0}" names {1}; a name or alias must belong to one entity (use an exclusion or an explicit mention instead).', second.text, who), second.path);
  }

  const answersOf = new Map<string, string>();
  for (const { entry, index } of claims) {
    if (++steps % ENTRIES_BETWEEN_PAUSES === 0) yield;
    if (entry.summary.trim().length === 0) reportAt('error', 'empty-summary', l10n.t('Claim "{0}" has an empty summary.', entry.id), ['claims', index, 'summary']);
    if (entry.claimant !== null && !entityIds.has(entry.claimant)) reportAt(referenceSeverity, 'unknown-id', () => unknownEntity(entry.claimant!), ['claims', index, 'claimant'], false, () => nearestFix(entry.claimant!, entityIds));
    (entry.about ?? []).forEach((id, aboutIndex) => {
      if (!entityIds.has(id)) reportAt(referenceSeverity, 'unknown-id', () => unknownEntity(id), ['claims', index, 'about', aboutIndex], false, () => nearestFix(id, entityIds));
    });
    if (entry.answers !== undefined) {
      // A claim of another article is checked by the corpus (see corpusIndex), which reads that article.
      if (parseClaimReference(entry.answers).article !== undefined) {
        if (entry.stance === undefined) reportAt('error', 'answer-without-stance', l10n.t('Claim "{0}" answers "{1}" but does not say how: add "stance" (disputes, supports or qualifies).', entry.id, entry.answers), ['claims', index, 'answers'], true);
        continue;
      }
      if (entry.answers === entry.id) reportAt('error', 'answers-itself', l10n.t('Claim "{0}" answers itself.', entry.id), ['claims', index, 'answers']);
      else if (!claimIds.has(entry.answers)) reportAt('error', 'unknown-id', l10n.t('No claim with the id "{0}" to answer.{1}', entry.answers, suggest(entry.answers, claimIds)), ['claims', index, 'answers'], false, nearestFix(entry.answers, claimIds));
      else answersOf.set(entry.id, entry.answers);
      if (entry.stance === undefined) reportAt('error', 'answer-without-stance', l10n.t('Claim "{0}" answers "{1}" but does not say how: add "stance" (disputes, supports or qualifies).', entry.id, entry.answers), ['claims', index, 'answers'], true);
    } else if (entry.stance !== undefined) {
      reportAt('error', 'stance-without-answer', l10n.t('Claim "{0}" has the stance "{1}" but answers no claim: add "answers" with the id of the claim it {1}, or remove "stance".', entry.id, entry.stance), ['claims', index, 'stance'], true);
    }
  }

  const indexOfClaim = new Map(claims.map(({ entry, index }) => [entry.id, index]));
  for (const cycle of answerCycles(indexOfClaim.keys(), (id) => answersOf.get(id))) {
    const shown = cycle.length > 12 ? [...cycle.slice(0, 6), l10n.t('… {0} more …', cycle.length - 12), ...cycle.slice(-6)] : cycle;
    reportAt('error', 'answer-cycle', l10n.t('Claims answer each other in a circle: {0}. One of them must answer something else, or nothing.', [...shown, cycle[0]].join(' → ')), ['claims', indexOfClaim.get(cycle[0])!, 'answers']);
  }

  for (const { entry, index } of notes) {
    const note = entry as unknown as { text: string };
    if (note.text.trim().length === 0) reportAt('error', 'empty-note', l10n.t('Note "{0}" has no text.', entry.id), ['notes', index, 'text']);
  }

  const checkPosition = (selector: PassageSelector, path: JSONPath) => {
    const position = selector.position;
    if (position && position.start > position.end) {
      reportAt('error', 'position-order', l10n.t('This position starts ({0}) after it ends ({1}); it is ignored as a hint. Swap them, or run "Re-check Anchors" and save.', position.start, position.end), [...path, 'position']);
    }
  };
  for (const { entry, index } of claims) checkPosition(entry.passage, ['claims', index, 'passage']);
  for (const { entry, index } of notes) checkPosition((entry as unknown as NoteRecord).passage, ['notes', index, 'passage']);
  for (const { entry, index } of entities) {
    (entry.mentions ?? []).forEach((selector, k) => checkPosition(selector, ['entities', index, 'mentions', k]));
    (entry.exclusions ?? []).forEach((selector, k) => checkPosition(selector, ['entities', index, 'exclusions', k]));
  }
}

/**
 * Why a name or alias holds something a reader never sees in the text as read (see readingText), or
 * undefined: a line break (one inside a paragraph reads as a space), a link, emphasis, code, a tag, an
 * entity reference.
 */
function markupNoReaderSees(text: string): string | undefined {
  if (/[\r\n]/.test(text)) return l10n.t('has a line break, which a reader sees as a space: write a space');
  if (/\]\(|!\[|^\[[^\]]*\]$/.test(text)) return l10n.t('is written as a Markdown link or image: write only the text a reader sees');
  if (/\*\*|__|`|^\*[^*]+\*$|^_[^_]+_$/.test(text)) return l10n.t('has Markdown emphasis or code marks: write the words without them');
  if (/<\/?[A-Za-z][^>]*>/.test(text)) return l10n.t('has an HTML tag: write only the text a reader sees');
  if (/&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text)) return l10n.t('has an HTML entity reference: write the character it stands for');
  return undefined;
}

/** Text without its letters' accents (combining marks), in NFC: compared for entities that ignore accents. */
export function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

/**
 * Whether the uses of one form (lower-cased, without accents) name two entities under their case and
 * accent rules; the entities and the uses, first and the clashing one. Linear: a use that ignores case
 * (or accents) makes the whole form compared without them.
 */
function sharedFormClash(uses: Array<{ entity: EntityRecord; text: string; path: JSONPath }>): { entityIds: string[]; uses: [typeof uses[0], typeof uses[0]] } | undefined {
  const ids = [...new Set(uses.map((use) => use.entity.id))];
  if (ids.length < 2) return undefined;
  const ignoreCase = uses.some((use) => use.entity.caseSensitive === false);
  const ignoreAccents = uses.some((use) => use.entity.ignoreAccents === true);
  const compared = (text: string) => {
    const cased = ignoreCase ? text.normalize('NFC').toLowerCase() : text.normalize('NFC');
    return ignoreAccents ? withoutAccents(cased) : cased;
  };
  const byText = new Map<string, Set<string>>();
  for (const use of uses) byText.set(compared(use.text), (byText.get(compared(use.text)) ?? new Set()).add(use.entity.id));
  const clashing = new Set([...byText.values()].filter((owners) => owners.size > 1).flatMap((owners) => [...owners]));
  if (clashing.size < 2) return undefined;
  const involved = uses.filter((use) => clashing.has(use.entity.id) && byText.get(compared(use.text))!.size > 1);
  const first = involved[0];
  const second = involved.find((use) => use.entity.id !== first.entity.id)!;
  return { entityIds: ids.filter((id) => clashing.has(id)), uses: [first, second] };
}


function suggest(id: string, known: ReadonlySet<string>): string {
  const best = closestId(id, known);
  return best !== undefined ? l10n.t(' Did you mean "{0}"?', best) : '';
}

/** The quick fix to the nearest known id, when one is near enough. */
function nearestFix(id: string, known: ReadonlySet<string>): ProblemFix | undefined {
  const best = closestId(id, known);
  return best === undefined ? undefined : replaceWithFix(best);
}

/** The known id nearest to a mistyped one, if it is near enough to be what was meant. */
export function closestId(id: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, id.length / 4) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

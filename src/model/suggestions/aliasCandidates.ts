import * as l10n from '@vscode/l10n';
import { AliasMatcher } from '../anchoring/aliasMatcher';
import { entityPatterns } from '../article/buildArticleModel';
import type { ReadingText } from '../anchoring/readingText';
import type { ArticleModel } from '../article/articleModel';
import type { EntityRecord } from '../format/annotationTypes';
import type { Span } from './entityCandidates';
import { STATE_FORMS, TITLES } from './englishLexicon';
import { CAPITAL_OF } from './capitalCities';
import { bracketedAfter, type ProseText } from './proseAnalysis';

// Other forms of existing entities' names that the text uses (issue 15): the name in other capitals or
// without its accents (a sentence's first word, "Kosove" for "Kosovë"), an acronym defined beside it,
// the longer form of a state's name ("the Islamic Republic of Iran" for "Iran") and its short form,
// an institution named the other way round ("government of Albania" for "Albanian government"), the
// plural of a one-word name. And places where a name names something else. (Possessive and hyphenated
// forms, "Iran's", "Iran-backed", need nothing: names are matched as whole words, and an apostrophe or a
// hyphen ends a word.)

export interface AliasVariant {
  entityId: string;
  alias: string;
  spans: Span[];
  why: string;
}

export function aliasVariants(prose: ProseText, entities: readonly EntityRecord[]): AliasVariant[] {
  const variants = new Map<string, AliasVariant>();
  const add = (entityId: string, alias: string, span: Span, why: string) => {
    const key = `${entityId}\u0000${alias}`;
    const known = variants.get(key);
    if (known) {
      if (!known.spans.some((other) => other.start === span.start)) known.spans.push(span);
    }
    else variants.set(key, { entityId, alias, spans: [span], why });
  };
  const exact = new Set(entities.flatMap((entity) => [entity.name, ...(entity.aliases ?? [])]));
  const matcher = foldedMatcherOf(entities);
  if (matcher.patternCount === 0) return [];
  const text = prose.text;
  for (const match of matcher.findAll(text)) {
    const found = text.slice(match.start, match.end);
    const entityId = match.pattern.key;
    if (!exact.has(found)) add(entityId, found, match, found.toLowerCase() === match.pattern.text.toLowerCase() ? l10n.t('the name in other capitals') : l10n.t('the name without its accents'));
    // An acronym or another name given beside the name: "Name (ACR)", "Name (Other Name, ACR)", "ACR (Name)".
    for (const given of bracketedAfter(text, match.end)) {
      if (exact.has(given.text)) continue;
      for (const span of wholeWords(text, given.text)) add(entityId, given.text, span, given.acronym ? l10n.t('an acronym given beside the name') : l10n.t('another name given beside the name'));
    }
    const before = /^\s*\)/u.test(text.slice(match.end, match.end + 3)) ? /(\p{Lu}[\p{Lu}\p{N}&-]+)\s*\(\s*$/u.exec(text.slice(Math.max(0, match.start - 24), match.start)) : null;
    if (before && !exact.has(before[1])) for (const span of wholeWords(text, before[1])) add(entityId, before[1], span, l10n.t('an acronym given beside the name'));
    // A state's long name ending with this one: "the Islamic Republic of Iran".
    const long = /((?:\p{Lu}[\p{L}\p{M}'’-]*\s+)+)of\s+(?:the\s+)?$/u.exec(text.slice(Math.max(0, match.start - 80), match.start));
    if (long) {
      const words = long[1].trim().split(/\s+/u);
      if (STATE_FORMS.has(words[words.length - 1].toLowerCase())) {
        const start = match.start - long[0].length;
        const longName = text.slice(start, match.end);
        if (!exact.has(longName)) add(entityId, longName, { start, end: match.end }, l10n.t("the state's long name"));
        const short = words.join(' ');
        if (words.length >= 2 && !exact.has(short)) for (const span of wholeWords(text, short)) if (span.start !== start) add(entityId, short, span, l10n.t("the short form of the state's long name"));
      }
    }
  }
  // The plural of a one-word name: "Houthis" for "Houthi".
  const wordSpans = new Map<string, Span[]>();
  for (const word of prose.words) {
    const span = { start: word.start, end: word.end };
    const spans = wordSpans.get(word.text);
    if (spans) spans.push(span);
    else wordSpans.set(word.text, [span]);
  }
  for (const entity of entities) {
    for (const name of [entity.name, ...(entity.aliases ?? [])]) {
      if (/\s/u.test(name) || !/\p{Ll}$/u.test(name)) continue;
      for (const plural of [`${name}s`, `${name}es`]) {
        if (exact.has(plural)) continue;
        for (const span of wordSpans.get(plural) ?? []) add(entity.id, plural, span, l10n.t('the plural of the name'));
      }
    }
  }
  // A state's capital where it acts for the state ("Tehran denied"), not where it is a place ("in Tehran").
  const stateNames = new Map<string, string>();
  for (const entity of entities) if (entity.type === 'state') for (const name of [entity.name, ...(entity.aliases ?? [])]) stateNames.set(name, entity.id);
  if (stateNames.size > 0) {
    for (const [capital, states] of CAPITAL_OF) {
      const entityId = states.map((state) => stateNames.get(state)).find((id) => id !== undefined);
      if (entityId === undefined || exact.has(capital)) continue;
      for (const span of wholeWords(text, capital)) {
        if (text[span.end] !== '-' && !/(?:^|[^\p{L}])(?:in|at|to|from|near|outside|inside|into|around|across|via|through|of|capital|city),?\s+$|,\s*$/iu.test(text.slice(Math.max(0, span.start - 24), span.start))) add(entityId, capital, span, l10n.t('the capital, for the state'));
      }
    }
  }
  for (const entity of entities) {
    for (const name of [entity.name, ...(entity.aliases ?? [])]) {
      // The acronym of a name's capitalised words: "US" for "United States", "DW" for "Deutsche Welle".
      const initials = name.split(/\s+/u).filter((word) => /^\p{Lu}/u.test(word)).map((word) => word[0]).join('');
      if (initials.length >= 2 && name.split(/\s+/u).length >= 2 && !exact.has(initials)) for (const span of wholeWords(text, initials)) add(entity.id, initials, span, l10n.t('the initials of the name'));
      // The name without the place it is at: "Iranian Embassy" for "Iranian Embassy in Tirana".
      const placed = /^(\S+(?: \S+)+) (?:in|at) \p{Lu}[\p{L}\p{M}-]*$/u.exec(name);
      if (placed) {
        for (const found of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(placed[1])}(?![\\p{L}\\p{N}]| (?:in|at) )`, 'giu'))) {
          if (!exact.has(found[0])) add(entity.id, found[0], { start: found.index!, end: found.index! + found[0].length }, l10n.t('the name without its place'));
        }
      }
      // An institution named the other way round: "Albanian government" ↔ "government of Albania".
      const adjectival = /^(\p{Lu}\p{Ll}+) (\p{Ll}+)$/u.exec(name);
      const prepositional = /^(\p{Ll}+) of (\p{Lu}\p{Ll}+)$/u.exec(name);
      if (adjectival) {
        const [, demonym, head] = adjectival;
        for (const found of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${head} of (\\p{Lu}\\p{Ll}+)(?![\\p{L}\\p{N}])`, 'giu'))) {
          if (sameStem(demonym, found[1]) && !exact.has(found[0])) add(entity.id, found[0], { start: found.index!, end: found.index! + found[0].length }, l10n.t('the institution named the other way round'));
        }
      } else if (prepositional) {
        const [, head, place] = prepositional;
        for (const found of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(\\p{Lu}\\p{Ll}+) ${head}(?![\\p{L}\\p{N}])`, 'giu'))) {
          if (sameStem(found[1], place) && !exact.has(found[0])) add(entity.id, found[0], { start: found.index!, end: found.index! + found[0].length }, l10n.t('the institution named the other way round'));
        }
      }
    }
  }
  return [...variants.values()];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The matchers of entities' names without case or accents, one per entity list (a model's, while its annotations are unchanged): a registry's thousands of aliases are not compiled again on every run. */
const foldedMatchers = new WeakMap<readonly EntityRecord[], AliasMatcher>();

function foldedMatcherOf(entities: readonly EntityRecord[]): AliasMatcher {
  let matcher = foldedMatchers.get(entities);
  if (!matcher) {
    matcher = new AliasMatcher(entityPatterns(entities).map((pattern) => ({ ...pattern, caseSensitive: false, ignoreAccents: true })));
    foldedMatchers.set(entities, matcher);
  }
  return matcher;
}

/** Whether a demonym is made of a place's name: "Albanian" of "Albania", "Iranian" of "Iran". */
function sameStem(demonym: string, place: string): boolean {
  const stem = place.length > 4 ? place.slice(0, -1) : place;
  return demonym !== place && demonym.toLowerCase().startsWith(stem.toLowerCase());
}

/** The whole-word occurrences of a word in a text (not a part of a hyphenated word: "CERT" is not in "CERT-CZ"). */
function wholeWords(text: string, word: string): Span[] {
  const spans: Span[] = [];
  const isWord = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if (isWord(text[at - 1]) || isWord(text[end])) continue;
    if ((text[at - 1] === '-' && isWord(text[at - 2])) || (text[end] === '-' && isWord(text[end + 1]))) continue;
    spans.push({ start: at, end });
  }
  return spans;
}

export interface ExclusionCandidate {
  entityId: string;
  /** In source offsets. */
  span: Span;
  /** What is around it, for the key that remembers a rejection. */
  context: string;
  why: string;
}

/**
 * Mentions that name something else: a person's surname after another first name ("Ilir Rama" for
 * an entity "Edi Rama" with the alias "Rama"), a name inside a number ("1-800-IRAN").
 */
export function exclusionCandidates(model: ArticleModel, reading: ReadingText): ExclusionCandidate[] {
  const { text } = model.article.source;
  const first = reading.toSource(0);
  const last = reading.toSourceEnd(reading.text.length);
  const found: ExclusionCandidate[] = [];
  for (const mention of model.mentions.between(first, last)) {
    if (mention.source === 'explicit') continue;
    const entity = model.entityById.get(mention.entityId);
    if (!entity) continue;
    const written = text.slice(mention.start, mention.end);
    const before = text.slice(Math.max(0, mention.start - 40), mention.start);
    const after = text.slice(mention.end, mention.end + 12);
    if (/\d-$/u.test(before) || /^-\d/u.test(after)) {
      found.push({ entityId: entity.id, span: { start: mention.start, end: mention.end }, context: `${before.slice(-12)}|${after}`, why: l10n.t('inside a number') });
      continue;
    }
    if (entity.type !== 'person' || written.includes(' ')) continue;
    const nameWords = new Set([entity.name, ...(entity.aliases ?? [])].flatMap((name) => name.split(/\s+/u)));
    const previous = /(\p{Lu}[\p{L}\p{M}'’-]*)\.? $/u.exec(before);
    if (previous && !nameWords.has(previous[1]) && !TITLES.has(previous[1].toLowerCase())) {
      found.push({ entityId: entity.id, span: { start: mention.start, end: mention.end }, context: previous[1], why: l10n.t('"{0}" is another person', `${previous[1]} ${written}`) });
    }
  }
  return found;
}

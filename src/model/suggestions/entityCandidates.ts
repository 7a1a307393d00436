import * as l10n from '@vscode/l10n';
import type { EntityKind, EntityType } from '../format/annotationTypes';
import { withoutAccents } from '../format/meaningChecks';
import { CALENDAR_WORDS, DETERMINERS, HEAD_MODIFIERS, HEAD_NOUNS, LOWER_CASE_HEADS, NAME_CONNECTORS, STATE_FORMS, TITLES } from './englishLexicon';
import type { PhraseTagger } from './phraseTagger';
import { bracketedAfter, type ProseText, type ProseWord } from './proseAnalysis';

// Names in a text that may be entities (issue 15): runs of capitalised words (with the small words that
// join one name: "Ministry of Intelligence and Security"), acronyms and their definitions, a capitalised
// word before an institution's lower-case head ("the Albanian government"), domain names. Titles are
// split off people's names and kept with the surname as aliases; a sentence's first word is dropped when
// the text writes it in lower case elsewhere or the tagger says it is no noun. Offsets are the text's.

export interface Span {
  start: number;
  end: number;
}

/** A form a candidate is written in, with where. */
export interface CandidateForm {
  text: string;
  spans: Span[];
}

export interface CandidateEntity {
  name: string;
  entityKind: EntityKind;
  type: EntityType;
  /** Every form, the name's first. */
  forms: CandidateForm[];
  why: string;
}

/** Tags that say a sentence's first word is not part of a name. */
const NOT_NAME_TAGS = ['Conjunction', 'Adverb', 'Preposition', 'Determiner', 'Pronoun', 'Verb', 'QuestionWord', 'Date', 'Month', 'WeekDay', 'Expression', 'Negative', 'Modal'];
const NAME_TAGS = ['ProperNoun', 'Person', 'Place', 'Organization', 'Demonym', 'Acronym'];

const DOMAIN = /^[\p{L}\p{N}][\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,6}$/u;

/** A run of words that may be a name, with the words before it that titled it, if any. */
interface Run {
  words: ProseWord[];
  /** The title words before a person's name ("Col.", "Prime Minister"), when the run was split at one. */
  title?: ProseWord[];
  /** An acronym defined beside it: "Total Information Management System (TIMS)". */
  acronym?: ProseWord;
  /** Other names given in a bracket after it: "People's Mujahedeen of Iran (Mujahedeen-e-Khalq, MEK)". */
  bracketed?: Span[];
  domain?: boolean;
}

const lower = (word: ProseWord) => word.base.toLowerCase().replace(/\.$/, '');
const isTitle = (word: ProseWord) => TITLES.has(lower(word).replace(/\./g, ''));

function isNameWord(word: ProseWord): boolean {
  if (!word.capitalised && !word.allCaps) return false;
  if (CALENDAR_WORDS.has(lower(word))) return false;
  // "London-based", "Iran-backed": an adjective made of a name, not the name.
  if (/-\p{Ll}{3,}$/u.test(word.text)) return false;
  return !/^\p{N}/u.test(word.text);
}

/** A line that credits a picture or the report's people ("Image: …/AP Photo", "Edited by: …"): its names are no actors of the story. */
const CREDIT_LINE = /^(?:image|images|photo|photos|photograph|picture credit|credits?|source|copyright|©|edited by|written by|reporting by|reported by|compiled by|translated by|editing by|additional reporting by)\b/iu;

/**
 * The candidate entities of a text. Names seen only in credits (a credit line, or between the slashes
 * of one: "Franc Zhurda/AP Photo") or in the byline (a line with one of the report's `authors`) are left
 * out, as are the authors.
 */
export function candidateEntities(prose: ProseText, tagger: PhraseTagger, authors: readonly string[] = []): CandidateEntity[] {
  const creditSentences = new Set(
    prose.sentences.flatMap((sentence, k) => {
      const text = prose.text.slice(sentence.start, sentence.end);
      return CREDIT_LINE.test(text) || authors.some((author) => author.length > 0 && text.includes(author)) ? [k] : [];
    }),
  );
  const inCredit = (run: Run) => {
    const first = run.words[0];
    const last = run.words[run.words.length - 1];
    return creditSentences.has(first.sentence) || prose.text[first.start - 1] === '/' || prose.text[last.end] === '/';
  };
  const runs = trimmedRuns(prose, tagger);
  const groups = new Map<string, Group>();
  const groupOf = (name: string) => {
    const key = name.toLowerCase();
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { forms: new Map(), titled: false, acronyms: new Set(), domain: false, midSentence: false, inStory: false }));
    return group;
  };
  for (const run of runs) {
    const first = run.words[0];
    const last = run.words[run.words.length - 1];
    const name = prose.text.slice(first.start, last.start) + last.base;
    const group = groupOf(name);
    addForm(group, name, { start: first.start, end: last.start + last.base.length });
    if (!inCredit(run)) group.inStory = true;
    if (!first.openingWord || run.title) group.midSentence = true;
    if (run.domain) group.domain = true;
    if (run.title) {
      group.titled = true;
      const titled = prose.text.slice(run.title[0].start, last.start) + last.base;
      addForm(group, titled, { start: run.title[0].start, end: last.start + last.base.length });
    }
    if (run.acronym) {
      group.acronyms.add(run.acronym.base);
      addForm(group, run.acronym.base, { start: run.acronym.start, end: run.acronym.start + run.acronym.base.length });
    }
    for (const span of run.bracketed ?? []) {
      const given = prose.text.slice(span.start, span.end);
      group.acronyms.add(given);
      addForm(group, given, span);
    }
  }
  mergeAcronyms(groups);
  const names = [...groups.values()].map((group) => mainForm(group));
  const tags = tagger.tagsOf(names);
  const typed = [...groups.values()].map((group, k) => ({ group, name: names[k], tags: tags[k], ...typeOf(names[k], group, tags[k], prose) }));
  mergeSurnames(typed);
  mergeLongAndShortForms(typed);
  return typed
    .filter(({ group, name }) => group.forms.size > 0 && group.inStory && !authors.includes(name))
    .filter(({ name, group, tags: wordTags }) => name.replace(/[^\p{L}\p{N}]/gu, '').length >= 2 && !isOnlyOpeningCommonWord(name, group, prose) && !isCommonSingleWord(name, group, wordTags))
    .map(({ group, name, entityKind, type, why }) => ({
      name,
      entityKind,
      type,
      forms: [...group.forms.entries()].sort(([a], [b]) => (a === name ? -1 : b === name ? 1 : 0)).map(([text, spans]) => ({ text, spans: spans.sort((x, y) => x.start - y.start) })),
      why,
    }));
}

interface Group {
  forms: Map<string, Span[]>;
  titled: boolean;
  acronyms: Set<string>;
  domain: boolean;
  /** Seen somewhere but at the start of a sentence. */
  midSentence: boolean;
  /** Seen somewhere but in credits and the byline. */
  inStory: boolean;
}

function addForm(group: Group, text: string, span: Span): void {
  const spans = group.forms.get(text);
  if (spans) {
    if (!spans.some((other) => other.start === span.start)) spans.push(span);
  } else group.forms.set(text, [span]);
}

/** The form a group is named by: its longest form seen most often, neither a title's nor an acronym. */
function mainForm(group: Group): string {
  let best = '';
  let bestCount = -1;
  for (const [text, spans] of group.forms) {
    if (group.acronyms.has(text) && group.forms.size > 1) continue;
    if (group.titled && [...group.forms.keys()].some((other) => other !== text && text.endsWith(other) && text.length > other.length) && group.forms.size > 1) continue;
    const count = spans.length;
    if (count > bestCount || (count === bestCount && text.length > best.length)) [best, bestCount] = [text, count];
  }
  return best;
}

/** The runs of possible names in every sentence, trimmed of what is no part of a name. */
function trimmedRuns(prose: ProseText, tagger: PhraseTagger): Run[] {
  const raw: Run[] = [];
  for (const sentence of prose.sentences) {
    const words = prose.words.slice(sentence.firstWord, sentence.endWord);
    for (let i = 0; i < words.length; i++) {
      if (DOMAIN.test(words[i].base) && !words[i].allCaps) {
        raw.push({ words: [words[i]], domain: true });
        continue;
      }
      if (!isNameWord(words[i])) continue;
      const run = [words[i]];
      let joined = false;
      let j = i;
      while (j + 1 < words.length) {
        const gap = prose.text.slice(words[j].end, words[j + 1].start);
        const next = words[j + 1];
        // A title's abbreviation goes on to the name: "Col. Dritan Demiraj".
        if (gap !== ' ' && !(gap === '. ' && isTitle(words[j]) && isNameWord(next))) break;
        // A possessive ends a name, but for one that goes on in capitals: "People's Mujahedeen".
        if (words[j].base !== words[j].text && !(isNameWord(next) && !next.allCaps)) break;
        if (isNameWord(next)) {
          run.push(next);
          j++;
          continue;
        }
        // Small words that join the parts of one name, when a name word follows them.
        const connector = lower(next);
        const joins = NAME_CONNECTORS.has(connector) || ((connector === 'and' || connector === '&') && joined);
        if (!joins || next.capitalised) break;
        let k = j + 2;
        if (k < words.length && lower(words[k]) === 'the' && !words[k].capitalised && prose.text.slice(next.end, words[k].start) === ' ') k++;
        if (k >= words.length || !isNameWord(words[k]) || prose.text.slice(words[k - 1].end, words[k].start) !== ' ') break;
        if (connector === 'of' || connector === 'for') joined = true;
        for (let m = j + 1; m <= k; m++) run.push(words[m]);
        j = k;
      }
      const found: Run = { words: run };
      // An acronym defined in brackets just after: "Total Information Management System (TIMS)".
      const after = words[j + 1];
      if (after?.allCaps && prose.text.slice(words[j].end, after.start).trim() === '(' && prose.text[after.end] === ')' && run.length > 1) found.acronym = after;
      else if (run.length > 1) {
        // Other names listed in the bracket after it, found where they stand in the text.
        const open = prose.text.indexOf('(', words[j].end);
        found.bracketed = bracketedAfter(prose.text, words[j].end).map((given) => {
          const start = prose.text.indexOf(given.text, open);
          return { start, end: start + given.text.length };
        });
      }
      raw.push(found);
      i = j;
    }
  }
  // A sentence's first words, asked about all at once.
  const openings = [...new Set(raw.filter((run) => !run.domain && run.words[0].openingWord).map((run) => run.words[0].base))];
  const tagged = tagger.tagsOf(openings);
  const openingTags = new Map(openings.map((text, k) => [text, tagged[k]]));
  const runs: Run[] = [];
  for (const run of raw) {
    if (run.domain) {
      runs.push(run);
      continue;
    }
    let words = run.words;
    const droppable = (word: ProseWord, position: number) =>
      DETERMINERS.has(lower(word)) || (position === 0 && word.openingWord && !word.allCaps && !isTitle(word) && (prose.lowerCaseWords.has(lower(word)) || saysNotName(openingTags.get(word.base))));
    let dropped = 0;
    while (words.length > 0 && (droppable(words[0], dropped) || (!isNameWord(words[0]) && dropped > 0))) {
      words = words.slice(1);
      dropped++;
    }
    while (words.length > 0 && !isNameWord(words[words.length - 1])) words = words.slice(0, -1);
    if (words.length === 0) continue;
    // A title and the name after it: "Prime Minister Edi Rama", "Col. Dritan Demiraj", "Dr. Shahi".
    let titleAt = -1;
    for (let k = words.length - 2; k >= 0; k--) {
      if (isTitle(words[k])) {
        titleAt = k;
        break;
      }
    }
    const rest = words.slice(titleAt + 1);
    if (titleAt >= 0 && rest.length <= 3 && rest.every(isNameWord) && !HEAD_NOUNS.has(lower(rest[rest.length - 1]))) {
      let titleStart = titleAt;
      while (titleStart > 0 && isTitle(words[titleStart - 1])) titleStart--;
      runs.push({ words: rest, title: words.slice(titleStart, titleAt + 1), acronym: run.acronym, bracketed: run.bracketed });
      continue;
    }
    if (words.length === 1 && isTitle(words[0])) continue;
    runs.push({ words: withLowerCaseHead(prose, words), acronym: run.acronym, bracketed: run.bracketed });
  }
  return runs;
}

/** A name of one or two words followed by an institution's lower-case head takes it in: "the Albanian government", "Iranian hacking groups". */
function withLowerCaseHead(prose: ProseText, words: ProseWord[]): ProseWord[] {
  const last = words[words.length - 1];
  if (words.length > 2 || last.base !== last.text) return words;
  const sentenceEnd = prose.sentences[last.sentence].endWord;
  let at = prose.words.indexOf(last);
  let headAt = -1;
  for (let k = at + 1; k < sentenceEnd && k <= at + 3; k++) {
    const word = prose.words[k];
    if (prose.text.slice(prose.words[k - 1].end, word.start) !== ' ' || word.capitalised || prose.words[k - 1].base !== prose.words[k - 1].text) break;
    const text = word.base.toLowerCase();
    if (LOWER_CASE_HEADS.has(text)) headAt = k;
    else if (!HEAD_MODIFIERS.has(text)) break;
  }
  if (headAt === -1) return words;
  at = prose.words.indexOf(words[0]);
  return prose.words.slice(at, headAt + 1);
}

function saysNotName(tags: Array<ReadonlySet<string>> | undefined): boolean {
  const first = tags?.[0];
  if (!first) return false;
  if (NAME_TAGS.some((tag) => first.has(tag))) return false;
  return NOT_NAME_TAGS.some((tag) => first.has(tag)) || first.has('Adjective');
}

/** A single word seen only where a sentence starts, that the text also writes in lower case. */
function isOnlyOpeningCommonWord(name: string, group: Group, prose: ProseText): boolean {
  return !group.domain && !name.includes(' ') && prose.lowerCaseWords.has(name.toLowerCase()) && group.forms.size === 1;
}

/**
 * A single word that is no name: a demonym on its own ("Iranian"), or a word seen only where a sentence
 * or a caption starts that the tagger knows as no proper noun ("Image:", "Threat").
 */
function isCommonSingleWord(name: string, group: Group, tags: Array<ReadonlySet<string>>): boolean {
  if (name.includes(' ') || group.acronyms.size > 0 || group.domain || group.titled || /^\p{Lu}{2,}$/u.test(name)) return false;
  const word = tags[0];
  if (!word) return false;
  if (word.has('Demonym') && !word.has('Country')) return true;
  if (!['ProperNoun', 'Person', 'Place', 'Organization'].some((tag) => word.has(tag)) && NOT_NAME_TAGS.some((tag) => word.has(tag))) return true;
  return !group.midSentence && !['ProperNoun', 'Person', 'Place', 'Organization'].some((tag) => word.has(tag));
}

/** Acronyms defined beside a name become its aliases; the acronym's own group goes into the name's. */
function mergeAcronyms(groups: Map<string, Group>): void {
  for (const group of groups.values()) {
    for (const acronym of group.acronyms) {
      const own = groups.get(acronym.toLowerCase());
      if (!own || own === group) continue;
      for (const [text, spans] of own.forms) for (const span of spans) addForm(group, text, span);
      groups.delete(acronym.toLowerCase());
    }
  }
}

/** A surname alone ("Demiraj") goes with the one person whose name ends with it ("Dritan Demiraj"). */
function mergeSurnames(typed: Array<{ group: Group; name: string; type: EntityType }>): void {
  const people = typed.filter(({ type, name }) => type === 'person' && name.includes(' '));
  for (const single of typed) {
    if (single.name.includes(' ')) continue;
    const owners = people.filter(({ name }) => name.split(' ').pop() === single.name);
    if (owners.length !== 1) continue;
    for (const [text, spans] of single.group.forms) for (const span of spans) addForm(owners[0].group, text, span);
    single.group.forms.clear();
  }
}

function mergeInto(into: Group, from: Group): void {
  if (into === from) return;
  for (const [text, spans] of from.forms) for (const span of spans) addForm(into, text, span);
  for (const acronym of from.acronyms) into.acronyms.add(acronym);
  into.midSentence ||= from.midSentence;
  into.inStory ||= from.inStory;
  from.forms.clear();
}

/**
 * Other forms of one name that are candidates of their own: the same words with other endings
 * ("Iranian hacker groups", "Iranian hacking groups"), the initials of a name of several words
 * ("US" for "United States"), a state's long name and its short form ("the Islamic Republic of Iran",
 * "the Islamic Republic" for "Iran").
 */
function mergeLongAndShortForms(typed: ReadonlyArray<{ group: Group; name: string }>): void {
  const byName = new Map(typed.map((entry) => [entry.name, entry.group]));
  const byVariant = new Map<string, Group>();
  for (const { group, name } of typed) {
    const variant = variantKey(name);
    if (!variant) continue;
    const first = byVariant.get(variant);
    if (first) mergeInto(first, group);
    else byVariant.set(variant, group);
  }
  for (const { group, name } of typed) {
    if (group.forms.size === 0) continue;
    if (/^\p{Lu}{2,}$/u.test(name)) {
      const owners = typed.filter((other) => other.group.forms.size > 0 && other.name.includes(' ') && initialsOf(other.name) === name);
      if (owners.length === 1) mergeInto(owners[0].group, group);
      continue;
    }
    const long = /^(.+) of (?:the )?(.+)$/u.exec(name);
    if (!long) continue;
    const head = long[1].split(' ');
    const state = byName.get(long[2]);
    if (!state || state === group || !STATE_FORMS.has(head[head.length - 1].toLowerCase())) continue;
    mergeInto(state, group);
    const short = byName.get(long[1]);
    if (short && head.length >= 2) mergeInto(state, short);
  }
}

/**
 * A name of several words with the endings of its lower-case words cut: "Iranian hacker groups" and
 * "Iranian hacking groups" are one name. (Capitalised words stay whole: a Ministry is no Minister.)
 */
export function variantKey(name: string): string {
  const words = name.split(/\s+/u);
  if (words.length < 2 || !words.some((word) => /^\p{Ll}{5,}/u.test(word))) return '';
  return words.map((word) => (/^\p{Ll}/u.test(word) ? word.slice(0, 4) : word)).join(' ');
}

/** A name compared without case, accents or a possessive ending. */
export function fold(text: string): string {
  return withoutAccents(text).toLowerCase().replace(/['’]s$/u, '');
}

/** The initials of a name's capitalised words: "US" for "United States". */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/u)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join('');
}

/** The kind and type a candidate's name, its head word and the tagger suggest, and why. */
function typeOf(name: string, group: Group, tags: Array<ReadonlySet<string>>, prose: ProseText): { entityKind: EntityKind; type: EntityType; why: string } {
  if (group.domain) {
    const span = group.forms.get(name)?.[0];
    const before = span ? prose.text.slice(Math.max(0, span.start - 40), span.start).toLowerCase().match(/(\p{L}+)\s*$/u)?.[1] : undefined;
    const head = before ? HEAD_NOUNS.get(before) : undefined;
    return { entityKind: 'system', type: head?.kind === 'system' ? head.type : 'website', why: l10n.t('a domain name') };
  }
  if (group.titled) return { entityKind: 'actor', type: 'person', why: l10n.t('a name after a title') };
  const words = name.split(/\s+/);
  // The head of the name: its last word, or the word before "of" ("Ministry of Industry and Trade").
  const of = words.indexOf('of');
  const headWord = [words[words.length - 1], ...(of > 0 ? [words[of - 1]] : [])].find((word) => HEAD_NOUNS.has(word.toLowerCase().replace(/['’]s$/, '')));
  const head = headWord === undefined ? undefined : HEAD_NOUNS.get(headWord.toLowerCase().replace(/['’]s$/, ''));
  if (head && headWord && words.length > 1) return { entityKind: head.kind, type: head.type, why: l10n.t('a name with the head "{0}"', headWord) };
  const has = (tag: string) => tags.some((word) => word.has(tag));
  if (group.acronyms.size > 0) return { entityKind: 'actor', type: 'organization', why: l10n.t('a name given with an acronym') };
  if (has('Country')) return { entityKind: 'actor', type: 'state', why: l10n.t('a country') };
  if (tags[0]?.has('FirstName') || tags[0]?.has('Honorific') || (has('Person') && !has('Organization'))) return { entityKind: 'actor', type: 'person', why: l10n.t("a person's name") };
  if (has('Organization')) return { entityKind: 'actor', type: 'organization', why: l10n.t('an organisation') };
  if (has('Place') || has('City')) return { entityKind: 'actor', type: 'state', why: l10n.t('a place') };
  if (/^\p{Lu}{2,}$/u.test(name)) return { entityKind: 'actor', type: 'organization', why: l10n.t('an acronym') };
  if (words.length >= 2 && words.length <= 3 && words.every((word) => /^\p{Lu}\p{Ll}/u.test(word))) return { entityKind: 'actor', type: 'person', why: l10n.t('a capitalised name') };
  return { entityKind: 'actor', type: 'organization', why: l10n.t('a capitalised name') };
}

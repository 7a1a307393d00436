import { ABBREVIATIONS } from './englishLexicon';

// The words and sentences of a reading text (what a reader sees of an article), with their offsets:
// what the suggestions read. One pass over the text; blocks (separated by line breaks) never share a sentence.

export interface ProseWord {
  start: number;
  end: number;
  text: string;
  /** The text without a possessive ending ("Albania's" → "Albania"). */
  base: string;
  /** Starts with a capital letter. */
  capitalised: boolean;
  /** Two or more letters, all capitals (an acronym). */
  allCaps: boolean;
  /** The first word of its sentence, or of a clause after a colon or an opening quotation mark there: capitalised by position, not because it is a name. */
  openingWord: boolean;
  /** The sentence it belongs to. */
  sentence: number;
}

export interface ProseSentence {
  start: number;
  end: number;
  /** Its words: words[firstWord] up to words[endWord]. */
  firstWord: number;
  endWord: number;
}

export interface ProseText {
  text: string;
  words: ProseWord[];
  sentences: ProseSentence[];
  /** Words that occur in lower case somewhere in the text: a capitalised one of those at a sentence's start is not a name. */
  lowerCaseWords: ReadonlySet<string>;
}

// Letters and digits, joined by apostrophes, hyphens and dots inside ("People's", "e-Albania.al", "Mujahedeen-e-Khalq").
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.\-&][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const POSSESSIVE = /['’]s$/u;
const SENTENCE_END = /[.!?…]['"’”)\]]*$/u;

/** Reads the words and sentences of a text. */
export function analyseProse(text: string): ProseText {
  const words: ProseWord[] = [];
  const sentences: ProseSentence[] = [];
  const lowerCaseWords = new Set<string>();
  let sentenceStart = -1;
  let firstWord = 0;
  let openNext = true;
  let previousEnd = 0;
  const closeSentence = (end: number) => {
    if (sentenceStart !== -1 && words.length > firstWord) sentences.push({ start: sentenceStart, end, firstWord, endWord: words.length });
    sentenceStart = -1;
    firstWord = words.length;
    openNext = true;
  };
  for (const match of text.matchAll(WORD)) {
    const start = match.index!;
    const between = text.slice(previousEnd, start);
    const previous = words[words.length - 1];
    // A sentence ends at a line break, or at a full stop, question or exclamation mark before a space,
    // unless the word before is an abbreviation ("Dr.") or an initial ("J.").
    if (between.includes('\n')) closeSentence(previousEnd + punctuationEnding(between.slice(0, between.indexOf('\n'))));
    else if (previous && /\s/u.test(between) && SENTENCE_END.test(between.trimEnd()) && !(between.startsWith('.') && isAbbreviation(previous.text))) closeSentence(previousEnd + between.trimEnd().length);
    else if (/[:;]\s*$/u.test(between) || /^\s*['"‘“(]\s*$/u.test(between) || /[:]\s*['"‘“]\s*$/u.test(between)) openNext = true;
    if (sentenceStart === -1) {
      sentenceStart = start;
      firstWord = words.length;
    }
    const wordText = match[0];
    const first = wordText.codePointAt(0)!;
    const capitalised = isUpperCase(first);
    const letters = wordText.replace(/[^\p{L}]/gu, '');
    const allCaps = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    if (!capitalised && /^\p{Ll}/u.test(wordText)) lowerCaseWords.add(wordText.replace(POSSESSIVE, ''));
    words.push({ start, end: start + wordText.length, text: wordText, base: wordText.replace(POSSESSIVE, ''), capitalised, allCaps, openingWord: openNext, sentence: sentences.length });
    openNext = false;
    previousEnd = start + wordText.length;
  }
  const trailing = text.slice(previousEnd);
  closeSentence(previousEnd + punctuationEnding(trailing.includes('\n') ? trailing.slice(0, trailing.indexOf('\n')) : trailing));
  return { text, words, sentences, lowerCaseWords };
}

/** How much of the text after a sentence's last word is its closing punctuation ('."' after "true"). */
function punctuationEnding(after: string): number {
  const trimmed = after.trimEnd();
  return SENTENCE_END.test(trimmed) && !/\s/u.test(trimmed) ? trimmed.length : 0;
}

function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word);
}

function isUpperCase(codePoint: number): boolean {
  const char = String.fromCodePoint(codePoint);
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

/** The text between two words, as it is written. */
export function gapBetween(prose: ProseText, left: ProseWord, right: ProseWord): string {
  return prose.text.slice(left.end, right.start);
}

/** What a bracket just after a name gives: "(Mujahedeen-e-Khalq, MEK)" → the other name and the acronym. */
export function bracketedAfter(text: string, end: number): Array<{ text: string; acronym: boolean }> {
  const bracket = /^\s*\(([^()\n]{1,80})\)/u.exec(text.slice(end, end + 90));
  if (!bracket) return [];
  return bracket[1]
    .split(/\s*[,;]\s*|\s+or\s+/u)
    .map((item) => item.trim())
    .filter((item) => /^\p{Lu}/u.test(item) && item.split(/\s+/u).length <= 5 && !/\d{3}/u.test(item))
    .map((item) => ({ text: item, acronym: /^\p{Lu}[\p{Lu}\p{N}&-]+$/u.test(item) }));
}

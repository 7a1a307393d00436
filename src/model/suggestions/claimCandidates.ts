import type { Stance } from '../format/annotationTypes';
import { ATTRIBUTION_PHRASES, IMPERSONAL_PHRASES, NOUN_MARKERS, REPORTING_VERB_FORMS, SUBJECT_PRONOUNS } from './englishLexicon';
import type { ProseText, ProseWord } from './proseAnalysis';
import type { Span } from './entityCandidates';

// Passages attributed to someone (issue 15): sentences with a reporting verb ("said", "accused",
// "denied"), an attributing phrase ("according to") or a quotation of some words, with the claimant
// guessed from the nearest name before the verb (or after it: '"…," said Rama'; or, for "he" and
// "she", the one named last), and, where the verb answers ("denied", "dismissed", "confirmed"), the
// claim answered guessed as the last one before it by someone else. Offsets are the text's.

/** A name in the text that a claim may be attributed to: an existing entity's mention, or a candidate's. */
export interface NamedSpan extends Span {
  /** The entity's id, or the candidate's name. */
  who: string;
  person: boolean;
}

/** An existing claim, to answer. */
export interface EarlierClaim extends Span {
  id: string;
  claimant: string | null;
}

export interface CandidateClaim {
  passage: Span;
  /** Who it is attributed to (a NamedSpan's `who`), when a guess could be made. */
  claimant?: string;
  /** The verb or phrase that attributes it; undefined for a quotation alone. */
  cue?: string;
  stance?: Stance;
  /** The claim answered: an existing claim's id, or the index of an earlier candidate. */
  answers?: { id: string } | { candidate: number };
}

/** Quotations of at least this many words are claims on their own. */
const QUOTED_WORDS = 4;

export function candidateClaims(prose: ProseText, names: readonly NamedSpan[], earlier: readonly EarlierClaim[]): CandidateClaim[] {
  const sorted = [...names].sort((a, b) => a.start - b.start);
  const claims: CandidateClaim[] = [];
  let lastPerson: string | undefined;
  let lastClaimant: string | undefined;
  let nameAt = 0;
  for (const sentence of prose.sentences) {
    const words = prose.words.slice(sentence.firstWord, sentence.endWord);
    const text = prose.text.slice(sentence.start, sentence.end);
    const inSentence: NamedSpan[] = [];
    while (nameAt < sorted.length && sorted[nameAt].start < sentence.start) nameAt++;
    for (let k = nameAt; k < sorted.length && sorted[k].start < sentence.end; k++) inSentence.push(sorted[k]);
    const lowered = text.toLowerCase();
    const phrase = ATTRIBUTION_PHRASES.find((candidate) => lowered.includes(candidate));
    // A verb's form after "the", "these"… is a noun ("these claims"); "according to" names who says it.
    const verbAt = phrase === 'according to' ? -1 : words.findIndex((word, k) => !word.capitalised && REPORTING_VERB_FORMS.has(word.text.toLowerCase()) && !(k > 0 && NOUN_MARKERS.has(words[k - 1].text.toLowerCase())));
    const quoted = longestQuotation(text);
    const cueWord = verbAt >= 0 ? words[verbAt] : undefined;
    if (cueWord || phrase || quoted >= QUOTED_WORDS) {
      const cueAt = cueWord ? cueWord.start : phrase ? sentence.start + lowered.indexOf(phrase) : sentence.start;
      const claimant = claimantOf(prose.text, words, cueWord, cueAt, inSentence, lastPerson, lastClaimant, phrase);
      const verb = cueWord ? REPORTING_VERB_FORMS.get(cueWord.text.toLowerCase()) : undefined;
      const claim: CandidateClaim = { passage: { start: sentence.start, end: sentence.end }, claimant, cue: cueWord?.text ?? phrase, stance: verb?.stance };
      if (claim.stance) claim.answers = answered(claim, claims, earlier, new Set(inSentence.map((name) => name.who)));
      claims.push(claim);
      if (claimant) lastClaimant = claimant;
    }
    for (const name of inSentence) if (name.person) lastPerson = name.who;
  }
  return claims;
}

/** The number of words in the sentence's longest quotation. */
function longestQuotation(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/“([^”]*)”|"([^"]*)"/gu)) longest = Math.max(longest, (match[1] ?? match[2]).split(/\s+/u).filter(Boolean).length);
  return longest;
}

/** The name nearest before the cue (a pronoun just before it: the person named last), else the first after it. */
function claimantOf(text: string, words: readonly ProseWord[], cue: ProseWord | undefined, cueAt: number, names: readonly NamedSpan[], lastPerson: string | undefined, lastClaimant: string | undefined, phrase: string | undefined): string | undefined {
  if (phrase === 'according to') return names.find((name) => name.start > cueAt)?.who;
  if (phrase && IMPERSONAL_PHRASES.has(phrase)) return undefined;
  if (cue) {
    const at = words.indexOf(cue);
    const subject = words.slice(Math.max(0, at - 3), at).reverse().find((word) => SUBJECT_PRONOUNS.has(word.text.toLowerCase()));
    const before = names.filter((name) => name.end <= cueAt);
    const nearest = before[before.length - 1];
    if (subject && (!nearest || nearest.end < subject.start)) return subject.text.toLowerCase() === 'it' || subject.text.toLowerCase() === 'they' ? (lastClaimant ?? lastPerson) : (lastPerson ?? lastClaimant);
    // The sentence's subject, before an apposition: "Dr. Shahi, a lecturer at Bradford University in the UK, says".
    const subjectName = before.find((name) => name.start <= words[Math.min(3, words.length - 1)].start);
    if (subjectName && nearest && subjectName !== nearest && text.slice(nearest.end, cueAt).includes(',')) return subjectName.who;
    if (nearest) return nearest.who;
    return names.find((name) => name.start > cueAt)?.who;
  }
  return names[0]?.who ?? lastClaimant;
}

/**
 * The claim an answering claim answers: the last one before it by someone its sentence names ("dismissed
 * Albania's allegations"), else the last one before it by someone else (an existing one or a candidate).
 */
function answered(claim: CandidateClaim, candidates: readonly CandidateClaim[], earlier: readonly EarlierClaim[], named: ReadonlySet<string>): CandidateClaim['answers'] {
  const otherThan = (claimant: string | null | undefined) => claimant === undefined || claimant === null || claim.claimant === undefined || claimant !== claim.claimant;
  const pick = (accept: (claimant: string | null | undefined) => boolean) => {
    let best: { at: number; answers: NonNullable<CandidateClaim['answers']> } | undefined;
    for (const existing of earlier) {
      if (existing.start < claim.passage.start && accept(existing.claimant) && (!best || existing.start > best.at)) best = { at: existing.start, answers: { id: existing.id } };
    }
    for (let k = candidates.length - 1; k >= 0; k--) {
      const candidate = candidates[k];
      if (candidate.passage.start < claim.passage.start && accept(candidate.claimant) && !candidate.stance) {
        if (!best || candidate.passage.start > best.at) best = { at: candidate.passage.start, answers: { candidate: k } };
        break;
      }
    }
    return best?.answers;
  };
  return pick((claimant) => claimant !== undefined && claimant !== null && named.has(claimant) && otherThan(claimant)) ?? pick(otherThan);
}

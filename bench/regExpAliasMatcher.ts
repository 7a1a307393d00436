import type { AliasMatch, AliasPattern } from '../src/model/anchoring/aliasMatcher';

const WORD = '[\\p{L}\\p{N}\\p{M}\\p{Pc}]';
/** "Not inside a word": not a word character on both sides. Hoisted out of the alternation, as a fair baseline writes it. */
const NOT_INSIDE_WORD = `(?!(?<=${WORD})${WORD})`;

/**
 * The baseline the alias matcher is measured against: one RegExp alternation of the escaped aliases,
 * longest first, between word-boundary assertions. Same
 * semantics as AliasMatcher (leftmost, then longest whole-word match) for case-sensitive aliases.
 */
export class RegExpAliasMatcher {
  private readonly regExp: RegExp;
  private readonly patternByText: Map<string, AliasPattern>;

  constructor(patterns: readonly AliasPattern[]) {
    if (patterns.some((pattern) => !pattern.caseSensitive)) throw new Error('the RegExp baseline handles case-sensitive aliases only');
    const sorted = [...patterns].sort((a, b) => b.text.length - a.text.length);
    this.patternByText = new Map(sorted.map((pattern) => [pattern.text, pattern]));
    const alternatives = sorted.map((pattern) => pattern.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    // An alias that starts (ends) with a word character must not continue a word; one that starts (ends)
    // with punctuation needs no test there. Both are "not between two word characters" at its edges.
    this.regExp = alternatives.length > 0 ? new RegExp(`${NOT_INSIDE_WORD}(?:${alternatives.join('|')})${NOT_INSIDE_WORD}`, 'gu') : /(?!)/gu;
  }

  findAll(text: string): AliasMatch[] {
    const matches: AliasMatch[] = [];
    this.regExp.lastIndex = 0;
    for (let match = this.regExp.exec(text); match; match = this.regExp.exec(text)) {
      matches.push({ start: match.index, end: match.index + match[0].length, pattern: this.patternByText.get(match[0])! });
    }
    return matches;
  }
}

import type { AliasMatch, AliasPattern } from '../src/model/aliasMatcher';

const WORD = '[\\p{L}\\p{N}\\p{M}\\p{Pc}]';
const STARTS_WITH_WORD = new RegExp(`^${WORD}`, 'u');
const ENDS_WITH_WORD = new RegExp(`${WORD}$`, 'u');

/**
 * The baseline the alias matcher is measured against: one RegExp alternation of the escaped aliases,
 * longest first, each with word-boundary assertions on the sides where it has word characters. Same
 * semantics as AliasMatcher (leftmost, then longest whole-word match) for case-sensitive aliases.
 */
export class RegExpAliasMatcher {
  private readonly regExp: RegExp;
  private readonly patternByText: Map<string, AliasPattern>;

  constructor(patterns: readonly AliasPattern[]) {
    if (patterns.some((pattern) => !pattern.caseSensitive)) throw new Error('the RegExp baseline handles case-sensitive aliases only');
    const sorted = [...patterns].sort((a, b) => b.text.length - a.text.length);
    this.patternByText = new Map(sorted.map((pattern) => [pattern.text, pattern]));
    const alternatives = sorted.map((pattern) => {
      const before = STARTS_WITH_WORD.test(pattern.text) ? `(?<!${WORD})` : '';
      const after = ENDS_WITH_WORD.test(pattern.text) ? `(?!${WORD})` : '';
      return `${before}${pattern.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}${after}`;
    });
    this.regExp = new RegExp(alternatives.join('|') || '(?!)', 'gu');
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

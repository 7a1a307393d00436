import approximateSearch from 'approx-string-match';

// The baseline the anchoring benchmark measures against: Hypothesis's approach to finding a quote
// (hypothesis/client, src/annotator/anchoring/match-quote.ts), reproduced: exact occurrences if any,
// else an approximate search of the whole text allowing up to half the quote's length in errors
// (at most 256), every match scored on quote, prefix, suffix and distance from the hint, and the best
// one taken, whatever its score.

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  hint?: number;
}

function search(text: string, quote: string, maxErrors: number) {
  const exact: Array<{ start: number; end: number; errors: number }> = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) exact.push({ start: at, end: at + quote.length, errors: 0 });
  return exact.length > 0 ? exact : approximateSearch(text, quote, maxErrors);
}

function textMatchScore(text: string, quote: string): number {
  if (quote.length === 0 || text.length === 0) return 0;
  const matches = search(text, quote, quote.length);
  return 1 - matches[0].errors / quote.length;
}

export function hypothesisMatchQuote(text: string, quote: string, context: QuoteContext = {}): { start: number; end: number; score: number } | null {
  if (quote.length === 0) return null;
  const matches = search(text, quote, Math.min(256, quote.length / 2));
  if (matches.length === 0) return null;
  const scored = matches.map((match) => {
    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix ? textMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix) : 1;
    const suffixScore = context.suffix ? textMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix) : 1;
    const positionScore = typeof context.hint === 'number' ? 1 - Math.abs(match.start - context.hint) / text.length : 1;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92;
    return { start: match.start, end: match.end, score };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored[0];
}

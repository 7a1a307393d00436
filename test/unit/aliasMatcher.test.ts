import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AliasMatcher, type AliasPattern } from '../../src/model/aliasMatcher';
import { RegExpAliasMatcher } from '../../bench/regExpAliasMatcher';

const pattern = (text: string, key = text, caseSensitive = true): AliasPattern => ({ text, key, caseSensitive });
const found = (matcher: AliasMatcher, text: string) => matcher.findAll(text).map((m) => text.slice(m.start, m.end));

describe('AliasMatcher', () => {
  it('finds whole words only', () => {
    const matcher = new AliasMatcher([pattern('Iran'), pattern('MEK')]);
    assert.deepEqual(found(matcher, 'Iran, Iranian, Iran-Iraq, MEKs, MEK.'), ['Iran', 'Iran', 'MEK']);
  });

  it('matches an alias that ends in punctuation, such as "Inc."', () => {
    const matcher = new AliasMatcher([pattern('Acme Inc.'), pattern('Dr. Shahi')]);
    assert.deepEqual(found(matcher, 'Acme Inc., said Dr. Shahi. Acme Inc.x'), ['Acme Inc.', 'Dr. Shahi', 'Acme Inc.']);
  });

  it('prefers the leftmost, then the longest alias', () => {
    const matcher = new AliasMatcher([pattern('Islamic Republic', 'iran'), pattern('Islamic Republic of Iran', 'iran'), pattern('Iran', 'iran'), pattern('Republic of Iran', 'x')]);
    const matches = matcher.findAll('the Islamic Republic of Iran and the Islamic Republic');
    assert.deepEqual(matches.map((m) => [m.start, m.end]), [[4, 28], [37, 53]]);
  });

  it('is case-sensitive by default, so "US" never matches "us"', () => {
    const matcher = new AliasMatcher([pattern('US')]);
    assert.deepEqual(found(matcher, 'Tell us about the US and Us.'), ['US']);
  });

  it('ignores case for entities that ask for it, including non-ASCII letters', () => {
    const matcher = new AliasMatcher([pattern('Élysée', 'elysee', false), pattern('nato', 'nato', false)]);
    assert.deepEqual(found(matcher, 'ÉLYSÉE, élysée, NATO, Nato'), ['ÉLYSÉE', 'élysée', 'NATO', 'Nato']);
  });

  it('treats letters of any script and astral characters correctly at word boundaries', () => {
    const matcher = new AliasMatcher([pattern('Tirana'), pattern('😀 smile')]);
    assert.deepEqual(found(matcher, 'Tiranaé Tirana. éTirana 😀 smile!'), ['Tirana', '😀 smile']);
  });

  it('searches only the requested range', () => {
    const matcher = new AliasMatcher([pattern('Iran')]);
    const text = 'Iran Iran Iran';
    assert.deepEqual(matcher.findAll(text, 5, 9).map((m) => m.start), [5]);
  });

  it('finds the same matches as a RegExp alternation with the same rules, on random input', function () {
    this.timeout(30_000);
    const alphabet = fc.constantFrom('a', 'b', 'A', ' ', '.', '-', 'é');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), fc.array(alphabet, { maxLength: 80 }), (aliases, chars) => {
        const patterns = aliases.filter((a) => a.trim().length > 0).map((a) => pattern(a));
        fc.pre(patterns.length > 0);
        const text = chars.join('');
        const ours = new AliasMatcher(patterns).findAll(text).map((m) => [m.start, m.end]);
        const baseline = new RegExpAliasMatcher(patterns).findAll(text).map((m) => [m.start, m.end]);
        assert.deepEqual(ours, baseline);
      }),
      { numRuns: 1000 },
    );
  });
});

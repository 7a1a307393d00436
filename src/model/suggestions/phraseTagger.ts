// What the natural-language library tells the suggestions about short phrases: the tags of each word
// ("Person", "Country", "Conjunction"…). compromise (its tagger, compromise/two) was chosen for this
// (see the README's "Suggestions"): it knows first names, countries, cities and organisations, where
// wink-nlp's web model tags parts of speech only and is twelve times the size. It reads a whole article
// far too slowly (about a second for 100 KB), so it is asked only about candidate phrases, all at once.

/** The tags of each word of each phrase. */
export interface PhraseTagger {
  tagsOf(phrases: readonly string[]): Array<Array<ReadonlySet<string>>>;
}

/** What compromise/two's default export is, as far as the tagger uses it. */
export type CompromiseNlp = (text: string) => { json(options: object): Array<{ terms: Array<{ tags: string[]; offset: { start: number; length: number } }> }> };

/** Remembered phrases: a document's candidates recur on every run, and tagging is the slow part. */
const REMEMBERED_PHRASES = 20_000;

/** A PhraseTagger on compromise: every new phrase of a call tagged in one document, a sentence each. */
export function compromiseTagger(nlp: CompromiseNlp): PhraseTagger {
  const remembered = new Map<string, Array<ReadonlySet<string>>>();
  return {
    tagsOf(phrases) {
      const fresh = [...new Set(phrases.filter((phrase) => !remembered.has(phrase)))];
      if (fresh.length > 0) {
        // Each phrase its own sentence, so that its first word reads as a sentence's first word does.
        const starts: number[] = [];
        let text = '';
        for (const phrase of fresh) {
          starts.push(text.length);
          text += `${phrase.replace(/\s+/g, ' ')}.\n\n`;
        }
        const tags: Array<Array<ReadonlySet<string>>> = fresh.map(() => []);
        let phrase = 0;
        for (const sentence of nlp(text).json({ offset: true, terms: { offset: true } })) {
          for (const term of sentence.terms) {
            while (phrase + 1 < starts.length && term.offset.start >= starts[phrase + 1]) phrase++;
            tags[phrase].push(new Set(term.tags));
          }
        }
        if (remembered.size + fresh.length > REMEMBERED_PHRASES) remembered.clear();
        fresh.forEach((text, k) => remembered.set(text, tags[k]));
      }
      return phrases.map((phrase) => remembered.get(phrase)!);
    },
  };
}

/** The tagger, with compromise loaded on first use (its lexicon takes some tens of milliseconds to unpack). */
export async function loadPhraseTagger(): Promise<PhraseTagger> {
  const { default: nlp } = await import('compromise/two');
  return compromiseTagger(nlp as unknown as CompromiseNlp);
}

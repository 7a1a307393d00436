import type { PassageLocator } from '../article/citableBlocks';

// How citations write people, quotations and places in the article, whatever their format.

/** Words that name an institution rather than a person ("Cybersecurity and Infrastructure Security Agency", "Reuters staff"). */
const INSTITUTION_WORDS = /\b(agency|administration|association|authority|bureau|cent(?:er|re)|commission|committee|company|corporation|council|department|desk|editors?|foundation|government|group|inc|institute|international|league|limited|ltd|ministry|news|newsroom|office|organi[sz]ation|party|press|service|staff|team|times|union|university|wire)\b/i;

/**
 * Whether an author is an institution (a publisher, an agency, a newsroom), to be cited as a whole name:
 * CSL's `literal`, schema.org's Organization. An author who is the publisher, a name of one word, one in
 * capitals ("CISA", "FBI"), or one with a word such as "Agency", "Ministry" or "staff" is.
 */
export function isInstitution(name: string, publisher?: string): boolean {
  const trimmed = name.trim();
  if (publisher && trimmed.toLowerCase() === publisher.trim().toLowerCase()) return true;
  if (!/\s/.test(trimmed)) return true;
  if (/^[\p{Lu}\d&.-]+(?:\s+[\p{Lu}\d&.-]+)*$/u.test(trimmed)) return true;
  return INSTITUTION_WORDS.test(trimmed);
}

/**
 * Text in double quotation marks (“…”), with the double quotation marks inside it made single (‘…’),
 * as quotations nest in English.
 */
export function quoted(text: string): string {
  const inner = text
    .replace(/“/g, '‘')
    .replace(/”/g, '’')
    // Straight double quotes: opening at the start or after a space or an opening bracket, else closing.
    .replace(/(^|[\s([{—–-])"/g, '$1‘')
    .replace(/"/g, '’');
  return `“${inner}”`;
}

/** Where a passage is, as a reader looks for it: "paragraph 5", "“Mitigations”, item 3.2", "table 2, row 4, “IP address”". */
export function locatorText(locator: PassageLocator): string {
  switch (locator.kind) {
    case 'paragraph':
      return `paragraph ${locator.paragraph}`;
    case 'heading':
      return `heading ${quoted(locator.heading)}`;
    case 'item':
      return [locator.section && quoted(locator.section), locator.list && `list ${locator.list}`, `item ${locator.item}`].filter(Boolean).join(', ');
    case 'cell':
      return [
        locator.section && quoted(locator.section),
        locator.table && `table ${locator.table}`,
        locator.row === 0 ? 'header row' : `row ${locator.row}`,
        locator.columnName ? quoted(locator.columnName) : `column ${locator.column}`,
      ].filter(Boolean).join(', ');
  }
}

import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type JSONPath } from 'jsonc-parser';
import type { ClaimRecord, EntityRecord, NoteRecord, PassageSelector } from './annotationTypes';
import { jsonFormatting } from './jsonFormatting';

// Edits of an annotation file's text, computed as jsonc-parser edits so that everything else in the
// file (layout, order, other entries) is left as it is. Every record is written with the format's key
// order and the file's own indentation (two spaces in a new file), so files stay in one stable form that merges cleanly in git.


/** The format's key order for each kind of record. */
const ENTITY_KEYS: Array<keyof EntityRecord> = ['id', 'kind', 'type', 'name', 'aliases', 'caseSensitive', 'ignoreAccents', 'summary', 'links', 'relations', 'mentions', 'exclusions'];
const CLAIM_KEYS: Array<keyof ClaimRecord> = ['id', 'claimant', 'about', 'summary', 'passage', 'answers', 'stance'];
const NOTE_KEYS: Array<keyof NoteRecord> = ['id', 'passage', 'text', 'author', 'created'];
const PASSAGE_KEYS: Array<keyof PassageSelector> = ['exact', 'prefix', 'suffix', 'position', 'orphaned'];

function ordered<T extends object>(record: T, keys: ReadonlyArray<keyof T>): T {
  const result = {} as T;
  for (const key of keys) if (record[key] !== undefined) result[key] = record[key];
  return result;
}

function orderedPassage(passage: PassageSelector): PassageSelector {
  return ordered(passage, PASSAGE_KEYS);
}

export function orderedEntity(entity: EntityRecord): EntityRecord {
  return ordered(entity, ENTITY_KEYS);
}

export function orderedClaim(claim: ClaimRecord): ClaimRecord {
  return ordered({ ...claim, passage: orderedPassage(claim.passage) }, CLAIM_KEYS);
}

export function orderedNote(note: NoteRecord): NoteRecord {
  return ordered({ ...note, passage: orderedPassage(note.passage) }, NOTE_KEYS);
}

/**
 * A readable id from a name or summary: lower-case ASCII words joined by "-" (accents dropped), at
 * most six words, made unique against `taken` with "-2", "-3"…
 */
export function slugId(text: string, taken: ReadonlySet<string>, fallback = 'item'): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .slice(0, 6);
  const base = words.length > 0 ? words.join('-') : fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Appends a record to one of the file's arrays (entities, claims, notes, rejected suggestions), creating the array if it is missing. */
export function appendRecord(text: string, collection: 'entities' | 'claims' | 'notes' | 'rejectedSuggestions', record: object): Edit[] {
  const root = parseTree(text);
  const array = root && findNodeAtLocation(root, [collection]);
  const index = array?.type === 'array' ? (array.children?.length ?? 0) : -1;
  if (index === -1) return modify(text, [collection], [record], { formattingOptions: jsonFormatting(text) });
  return modify(text, [collection, index], record, { formattingOptions: jsonFormatting(text), isArrayInsertion: true });
}

/** Sets (or, with undefined, removes) the value at a path. */
export function setValue(text: string, path: JSONPath, value: unknown): Edit[] {
  return modify(text, path, value, { formattingOptions: jsonFormatting(text) });
}

/** Removes the array element at a path (an entity, claim or note, or an alias). */
export function removeElement(text: string, path: JSONPath): Edit[] {
  return modify(text, path, undefined, { formattingOptions: jsonFormatting(text) });
}

/**
 * Several changes of one file made in turn, each on the text the previous one left (edits computed on
 * the same text can overlap when they touch neighbouring properties), returned as one edit from the
 * first changed character to the last: one step to undo.
 */
export function editsInTurn(text: string, steps: ReadonlyArray<(current: string) => Edit[]>): Edit[] {
  let current = text;
  for (const step of steps) current = applyEdits(current, step(current));
  if (current === text) return [];
  let start = 0;
  while (start < text.length && start < current.length && text.charCodeAt(start) === current.charCodeAt(start)) start++;
  let end = 0;
  while (end < text.length - start && end < current.length - start && text.charCodeAt(text.length - 1 - end) === current.charCodeAt(current.length - 1 - end)) end++;
  return [{ offset: start, length: text.length - start - end, content: current.slice(start, current.length - end) }];
}

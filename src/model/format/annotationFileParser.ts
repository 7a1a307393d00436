import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, printParseErrorCode, type JSONPath, type Node as JsonNode } from 'jsonc-parser';
import { annotationFileSchema } from './annotationFileSchema';
import { buildJsonTree } from './jsonTreeBuilder';
import { finishNow, STEPS_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';
import { answerCycles } from './answerCycles';
import { ANNOTATION_FORMAT_VERSION, type AnnotationFile, type ClaimRecord, type EntityRecord, type NoteRecord, type PassageSelector } from './annotationTypes';
import { httpUrl } from '../text/httpUrl';
import { decodeUtf8 } from '../text/utf8';
import { LineIndex } from '../text/lineIndex';
import { internalErrorProblem, type Problem, type ProblemSeverity } from './problem';

/** An annotation file after loading: whatever could be used, and every problem at its place. */
export interface ParsedAnnotationFile {
  fileName: string;
  text: string;
  lineIndex: LineIndex;
  root: JsonNode | undefined;
  /**
   * The usable annotations: entries that fail the schema are left out (and reported);
   * undefined when the file cannot be used at all (not JSON, not an object, an unknown version).
   */
  annotations: AnnotationFile | undefined;
  /** For each kept entry, its index in the file (entries that fail the schema are left out). */
  sourceIndexes: Record<Collection, number[]>;
  problems: Problem[];
}

/** The range of the value at `path` in the file (the whole file when the path is not there). */
export function rangeInAnnotationFile(parsed: ParsedAnnotationFile, path: JSONPath): Pick<Problem, 'start' | 'end'> {
  const node = parsed.root ? findNodeAtLocation(parsed.root, path) ?? parsed.root : undefined;
  if (!node) return { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
  const length = node.type === 'object' || node.type === 'array' ? 1 : node.length;
  return { start: parsed.lineIndex.locationAt(node.offset), end: parsed.lineIndex.locationAt(node.offset + length) };
}

export const COLLECTIONS = ['entities', 'claims', 'notes'] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** How deep the format nests (root, entities, entity, mentions, passage, position), and the most a file may. */
const FORMAT_NESTING = 6;
const MAX_NESTING = 64;
/** Longer names and aliases are reported and not matched: no name is this long, and each costs the matcher memory. */
export const MAX_ALIAS_LENGTH = 200;

/**
 * Loads annotation files: parses with positions (jsonc-parser), checks the schema (ajv) and the meaning
 * (ids, references, answer chains, aliases). Never throws. One instance compiles the schema once.
 */
export class AnnotationFileParser {
  /** The file without its entries, and each kind of entry: checked apart, so that a huge file is checked in pieces. */
  private readonly validateOutline: ValidateFunction;
  private readonly validateEntry: Record<Collection, ValidateFunction>;

  constructor() {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const { properties } = annotationFileSchema;
    const anyArray = { type: 'array' } as const;
    this.validateOutline = ajv.compile({ ...annotationFileSchema, properties: { ...properties, entities: anyArray, claims: anyArray, notes: anyArray } });
    this.validateEntry = {
      entities: ajv.compile(properties.entities.items),
      claims: ajv.compile(properties.claims.items),
      notes: ajv.compile(properties.notes.items),
    };
  }

  /** Decodes bytes as strict UTF-8, reporting the first invalid byte at its line and column. */
  parseBytes(bytes: Uint8Array, fileName: string): ParsedAnnotationFile {
    return finishNow(this.parseBytesInSteps(bytes, fileName));
  }

  /** parseBytes, pausing now and then (see resumableWork). */
  *parseBytesInSteps(bytes: Uint8Array, fileName: string): ResumableWork<ParsedAnnotationFile> {
    const decoded = decodeUtf8(bytes);
    if (decoded.ok) return yield* this.parseInSteps(decoded.text, fileName);
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, decoded.badByteOffset));
    const lineIndex = new LineIndex(lossy);
    const at = lineIndex.locationAt(prefix.length);
    return {
      fileName,
      text: lossy,
      lineIndex,
      root: undefined,
      annotations: undefined,
      sourceIndexes: { entities: [], claims: [], notes: [] },
      problems: [
        {
          file: fileName,
          severity: 'error',
          code: 'not-utf8',
          message: `The file is not valid UTF-8 (byte 0x${bytes[decoded.badByteOffset].toString(16).padStart(2, '0')} at byte offset ${decoded.badByteOffset}). Save it as UTF-8.`,
          start: at,
          end: { line: at.line, column: at.column + 1 },
        },
      ],
    };
  }

  parse(text: string, fileName: string): ParsedAnnotationFile {
    return finishNow(this.parseInSteps(text, fileName));
  }

  /** parse, pausing now and then (see resumableWork). */
  *parseInSteps(text: string, fileName: string): ResumableWork<ParsedAnnotationFile> {
    try {
      return yield* this.parseChecked(text, fileName);
    } catch (error) {
      // Every failure is meant to be a problem at its place; this is the net under that promise.
      const lineIndex = new LineIndex(text);
      return {
        fileName,
        text,
        lineIndex,
        root: undefined,
        annotations: undefined,
        sourceIndexes: { entities: [], claims: [], notes: [] },
        problems: [internalErrorProblem(fileName, error, 'The file could not be read')],
      };
    }
  }

  private *parseChecked(text: string, fileName: string): ResumableWork<ParsedAnnotationFile> {
    const lineIndex = new LineIndex(text);
    const problems: Problem[] = [];
    const report = (severity: ProblemSeverity, code: string, message: string, offset: number, length: number) => {
      problems.push({
        file: fileName,
        severity,
        code,
        message,
        start: lineIndex.locationAt(offset),
        end: lineIndex.locationAt(offset + Math.max(length, 1)),
      });
    };
    const sourceIndexes: Record<Collection, number[]> = { entities: [], claims: [], notes: [] };
    const result = (root: JsonNode | undefined, annotations: AnnotationFile | undefined): ParsedAnnotationFile => ({
      fileName,
      text,
      lineIndex,
      root,
      annotations,
      sourceIndexes,
      problems,
    });

    const body = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (text.trim().length === 0 || (body === 1 && text.slice(1).trim().length === 0)) {
      report('error', 'empty-file', 'The annotation file is empty: it must hold a JSON object with "version", "article", "entities", "claims" and "notes".', 0, 0);
      return result(undefined, undefined);
    }

    // The tree walks and the schema check recurse: a file nested deeper than the format ever is would
    // overflow the stack, so it is refused at the bracket that goes too deep.
    const tree = yield* buildJsonTree(text, MAX_NESTING);
    if (tree.tooDeepAt !== undefined) {
      report('error', 'too-deep', `The JSON is nested more than ${MAX_NESTING} levels deep here; an annotation file needs at most ${FORMAT_NESTING}. It was not read.`, tree.tooDeepAt, 1);
      return result(undefined, undefined);
    }
    if (tree.syntaxError) {
      const { error, offset, length } = tree.syntaxError;
      report('error', 'invalid-json', `Invalid JSON: ${describeSyntaxError(printParseErrorCode(error))}.`, offset, length);
    }
    const root = tree.root;
    if (!root) return result(undefined, undefined);

    if (root.type !== 'object') {
      report('error', 'not-an-object', `The annotation file must hold a JSON object, not ${describeJsonType(root.type)}.`, root.offset, 1);
      return result(root, undefined);
    }

    // With a key twice, JSON readers keep the last value while edits and messages find the first: the
    // file means two things at once, so it is not used (nor ever written) until one is removed.
    for (const { key, first } of tree.duplicateKeys.slice(0, 20)) {
      const firstLine = lineIndex.locationAt(first.offset).line + 1;
      report('error', 'duplicate-key', `"${String(key.value)}" appears twice in this object (first on line ${firstLine}); JSON readers would silently keep only one. Merge them into one.`, key.offset, key.length);
    }
    if (tree.duplicateKeys.length > 0) return result(root, undefined);

    const value = tree.value as Record<string, unknown>;
    const locate = (path: JSONPath) => findNodeAtLocation(root, path) ?? root;
    const reportAt = (severity: ProblemSeverity, code: string, message: string, path: JSONPath, keyOnly = false) => {
      const node = locate(path);
      const target = keyOnly && node.parent?.type === 'property' ? node.parent.children![0] : node;
      const length = target.type === 'object' || target.type === 'array' ? 1 : target.length;
      report(severity, code, message, target.offset, length);
    };

    if (value.version !== ANNOTATION_FORMAT_VERSION && typeof value.version === 'number') {
      reportAt('error', 'unsupported-version', `This is format version ${value.version}; this version of Marginalia reads version ${ANNOTATION_FORMAT_VERSION}.`, ['version']);
      return result(root, undefined);
    }

    const invalidEntries = new Set<string>();
    const schemaErrors: ErrorObject[] = [];
    if (!this.validateOutline(value)) schemaErrors.push(...(this.validateOutline.errors ?? []));
    let steps = 0;
    for (const collection of COLLECTIONS) {
      const entries = value[collection];
      if (!Array.isArray(entries)) continue;
      const validate = this.validateEntry[collection];
      for (let index = 0; index < entries.length; index++) {
        if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
        if (validate(entries[index])) continue;
        for (const error of validate.errors ?? []) schemaErrors.push({ ...error, instancePath: `/${collection}/${index}${error.instancePath}` });
      }
    }
    for (const error of selectUsefulSchemaErrors(schemaErrors)) {
      const path = instancePathToJsonPath(error.instancePath);
      if (path.length >= 2 && COLLECTIONS.includes(path[0] as Collection)) invalidEntries.add(`${path[0]}/${path[1]}`);
      const propertyPath = error.keyword === 'additionalProperties' ? [...path, String(error.params.additionalProperty)] : path;
      reportAt('error', 'schema', describeSchemaError(error, value), propertyPath, error.keyword === 'additionalProperties');
    }

    const annotations: AnnotationFile = {
      version: ANNOTATION_FORMAT_VERSION,
      article: typeof value.article === 'string' ? value.article : '',
      entities: [],
      claims: [],
      notes: [],
    };
    if (typeof value.$schema === 'string') annotations.$schema = value.$schema;
    if (typeof value.registry === 'string') annotations.registry = value.registry;
    for (const collection of COLLECTIONS) {
      const entries = Array.isArray(value[collection]) ? (value[collection] as unknown[]) : [];
      entries.forEach((entry, index) => {
        if (invalidEntries.has(`${collection}/${index}`)) return;
        (annotations[collection] as unknown[]).push(entry);
        sourceIndexes[collection].push(index);
      });
    }

    yield* checkMeaning(annotations, value, reportAt, invalidEntries);
    return result(root, annotations);
  }
}

type ReportAt = (severity: ProblemSeverity, code: string, message: string, path: JSONPath, keyOnly?: boolean) => void;

/** Checks what the schema cannot: ids, references, answer chains, names and aliases. */
function* checkMeaning(
  annotations: AnnotationFile,
  raw: Record<string, unknown>,
  reportAt: ReportAt,
  invalidEntries: ReadonlySet<string>,
): ResumableWork<void> {
  let steps = 0;
  // Paths must point into the raw file, whose indexes differ from the kept arrays once invalid entries are dropped.
  const indexed = <T>(collection: Collection): Array<{ entry: T; index: number }> => {
    const entries = Array.isArray(raw[collection]) ? (raw[collection] as T[]) : [];
    return entries
      .map((entry, index) => ({ entry, index }))
      .filter(({ index }) => !invalidEntries.has(`${collection}/${index}`));
  };
  const entities = indexed<EntityRecord>('entities');
  const claims = indexed<ClaimRecord>('claims');
  const notes = indexed<{ id: string }>('notes');

  const firstUse = new Map<string, string>();
  for (const collection of COLLECTIONS) {
    for (const { entry, index } of indexed<{ id: string }>(collection)) {
      if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
      const where = firstUse.get(entry.id);
      if (where) {
        reportAt('error', 'duplicate-id', `The id "${entry.id}" is already used by ${where}; ids must be unique in the file.`, [collection, index, 'id']);
      } else {
        firstUse.set(entry.id, `${singular(collection)} ${index + 1} of "${collection}"`);
      }
    }
  }

  const entityIds = new Set(entities.map(({ entry }) => entry.id));
  const claimIds = new Set(claims.map(({ entry }) => entry.id));
  const unknownEntity = (id: string) =>
    annotations.registry
      ? `No entity "${id}" in this file. (Shared registries such as "${annotations.registry}" are not loaded by this version yet.)`
      : `No entity with the id "${id}" in this file.${suggest(id, entityIds)}`;
  const referenceSeverity: ProblemSeverity = annotations.registry ? 'warning' : 'error';

  // Forms (name or alias) by their lower-cased text, to find those that name two entities: one problem per form.
  const forms = new Map<string, Array<{ entity: EntityRecord; text: string; path: JSONPath }>>();
  for (const { entry, index } of entities) {
    if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
    if (entry.name.trim().length === 0) reportAt('error', 'empty-name', `Entity "${entry.id}" has an empty name.`, ['entities', index, 'name']);
    const own: Array<{ text: string; path: JSONPath }> = [{ text: entry.name, path: ['entities', index, 'name'] }];
    (entry.aliases ?? []).forEach((alias, aliasIndex) => {
      const path: JSONPath = ['entities', index, 'aliases', aliasIndex];
      if (alias.trim().length === 0) reportAt('error', 'empty-name', `Entity "${entry.id}" has an empty alias.`, path);
      else if (alias.trim() !== alias) reportAt('warning', 'alias-whitespace', `The alias "${alias}" starts or ends with a space, so it never matches a whole word.`, path);
      own.push({ text: alias, path });
    });
    for (const form of own) {
      if (form.text.length > MAX_ALIAS_LENGTH) {
        reportAt('error', 'alias-too-long', `This name or alias of "${entry.id}" is ${form.text.length} characters long; at most ${MAX_ALIAS_LENGTH} are matched, so it is never highlighted.`, form.path);
        continue;
      }
      const key = form.text.trim().toLowerCase();
      if (!key) continue;
      const list = forms.get(key);
      if (list) list.push({ entity: entry, text: form.text, path: form.path });
      else forms.set(key, [{ entity: entry, text: form.text, path: form.path }]);
    }
    // Only addresses that parse are shown or exported, normalised (quotes and brackets encoded).
    if (entry.links) entry.links = entry.links.flatMap((link, linkIndex) => {
      const url = httpUrl(link.url);
      if (url !== undefined) return [{ ...link, url }];
      reportAt('warning', 'link-url', `This link of "${entry.id}" is not an http or https address that parses; it is left out of cards, citations and exports.`, ['entities', index, 'links', linkIndex, 'url']);
      return [];
    });
    (entry.relations ?? []).forEach((relation, relationIndex) => {
      if (!entityIds.has(relation.entity)) reportAt(referenceSeverity, 'unknown-id', unknownEntity(relation.entity), ['entities', index, 'relations', relationIndex, 'entity']);
      else if (relation.entity === entry.id) reportAt('error', 'self-relation', `Entity "${entry.id}" is related to itself.`, ['entities', index, 'relations', relationIndex, 'entity']);
    });
  }
  for (const list of forms.values()) {
    const clash = sharedFormClash(list);
    if (!clash) continue;
    const [, second] = clash.uses;
    const names = clash.entityIds.slice(0, 5).map((id) => `"${id}"`);
    const more = clash.entityIds.length > 5 ? ` and ${clash.entityIds.length - 5} more` : '';
    const who = clash.entityIds.length === 2 ? `both ${names.join(' and ')}` : `${clash.entityIds.length} entities: ${names.join(', ')}${more}`;
    reportAt('error', 'shared-alias', `"${second.text}" names ${who}; a name or alias must belong to one entity (use an exclusion or an explicit mention instead).`, second.path);
  }

  const answersOf = new Map<string, string>();
  for (const { entry, index } of claims) {
    if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
    if (entry.summary.trim().length === 0) reportAt('error', 'empty-summary', `Claim "${entry.id}" has an empty summary.`, ['claims', index, 'summary']);
    if (entry.claimant !== null && !entityIds.has(entry.claimant)) reportAt(referenceSeverity, 'unknown-id', unknownEntity(entry.claimant), ['claims', index, 'claimant']);
    (entry.about ?? []).forEach((id, aboutIndex) => {
      if (!entityIds.has(id)) reportAt(referenceSeverity, 'unknown-id', unknownEntity(id), ['claims', index, 'about', aboutIndex]);
    });
    if (entry.answers !== undefined) {
      if (entry.answers === entry.id) reportAt('error', 'answers-itself', `Claim "${entry.id}" answers itself.`, ['claims', index, 'answers']);
      else if (!claimIds.has(entry.answers)) reportAt('error', 'unknown-id', `No claim with the id "${entry.answers}" to answer.${suggest(entry.answers, claimIds)}`, ['claims', index, 'answers']);
      else answersOf.set(entry.id, entry.answers);
      if (entry.stance === undefined) reportAt('error', 'answer-without-stance', `Claim "${entry.id}" answers "${entry.answers}" but does not say how: add "stance" (disputes, supports or qualifies).`, ['claims', index, 'answers'], true);
    } else if (entry.stance !== undefined) {
      reportAt('error', 'stance-without-answer', `Claim "${entry.id}" has the stance "${entry.stance}" but answers no claim: add "answers" with the id of the claim it ${entry.stance}, or remove "stance".`, ['claims', index, 'stance'], true);
    }
  }

  const indexOfClaim = new Map(claims.map(({ entry, index }) => [entry.id, index]));
  for (const cycle of answerCycles(indexOfClaim.keys(), (id) => answersOf.get(id))) {
    const shown = cycle.length > 12 ? [...cycle.slice(0, 6), `… ${cycle.length - 12} more …`, ...cycle.slice(-6)] : cycle;
    reportAt('error', 'answer-cycle', `Claims answer each other in a circle: ${[...shown, cycle[0]].join(' → ')}. One of them must answer something else, or nothing.`, ['claims', indexOfClaim.get(cycle[0])!, 'answers']);
  }

  for (const { entry, index } of notes) {
    const note = entry as unknown as { text: string };
    if (note.text.trim().length === 0) reportAt('error', 'empty-note', `Note "${entry.id}" has no text.`, ['notes', index, 'text']);
  }

  const checkPosition = (selector: PassageSelector, path: JSONPath) => {
    const position = selector.position;
    if (position && position.start > position.end) {
      reportAt('error', 'position-order', `This position starts (${position.start}) after it ends (${position.end}); it is ignored as a hint. Swap them, or run "Re-check Anchors" and save.`, [...path, 'position']);
    }
  };
  for (const { entry, index } of claims) checkPosition(entry.passage, ['claims', index, 'passage']);
  for (const { entry, index } of notes) checkPosition((entry as unknown as NoteRecord).passage, ['notes', index, 'passage']);
  for (const { entry, index } of entities) {
    (entry.mentions ?? []).forEach((selector, k) => checkPosition(selector, ['entities', index, 'mentions', k]));
    (entry.exclusions ?? []).forEach((selector, k) => checkPosition(selector, ['entities', index, 'exclusions', k]));
  }
}

/** Whether the uses of one lower-cased form name two entities under their case rules; the entities and the uses, first and the clashing one. */
function sharedFormClash(uses: Array<{ entity: EntityRecord; text: string; path: JSONPath }>): { entityIds: string[]; uses: [typeof uses[0], typeof uses[0]] } | undefined {
  const ids = [...new Set(uses.map((use) => use.entity.id))];
  if (ids.length < 2) return undefined;
  // A case-insensitive use clashes with every other entity's use; otherwise only the same exact text does.
  const loose = uses.some((use) => use.entity.caseSensitive === false);
  const byText = new Map<string, Set<string>>();
  for (const use of uses) byText.set(use.text, (byText.get(use.text) ?? new Set()).add(use.entity.id));
  const clashing = loose ? new Set(ids) : new Set([...byText.values()].filter((owners) => owners.size > 1).flatMap((owners) => [...owners]));
  if (clashing.size < 2) return undefined;
  const involved = uses.filter((use) => clashing.has(use.entity.id) && (loose || byText.get(use.text)!.size > 1));
  const first = involved[0];
  const second = involved.find((use) => use.entity.id !== first.entity.id)!;
  return { entityIds: ids.filter((id) => clashing.has(id)), uses: [first, second] };
}

function singular(collection: Collection): string {
  return collection === 'entities' ? 'entity' : collection.slice(0, -1);
}

function suggest(id: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, id.length / 4) ? ` Did you mean "${best}"?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function describeSyntaxError(code: string): string {
  const messages: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":" after the property name',
    CommaExpected: 'expected "," between entries',
    CloseBraceExpected: 'expected "}" to close the object',
    CloseBracketExpected: 'expected "]" to close the array',
    EndOfFileExpected: 'unexpected text after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'comment not closed',
    UnexpectedEndOfString: 'string not closed',
    UnexpectedEndOfNumber: 'number not finished',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character in a string',
    InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
  };
  return messages[code] ?? code;
}

function describeJsonType(type: JsonNode['type']): string {
  return type === 'array' ? 'an array' : type === 'null' ? 'null' : `a ${type}`;
}

function instancePathToJsonPath(instancePath: string): JSONPath {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Drops ajv's bookkeeping errors (if/then, anyOf wrappers) that repeat what a more precise error says. */
function selectUsefulSchemaErrors(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const useful: ErrorObject[] = [];
  // An entity's type fails both the list of all types and its kind's list (if/then): keep the kind's, the shorter.
  const narrowestEnum = new Map<string, number>();
  for (const error of errors) {
    if (error.keyword !== 'enum') continue;
    const count = (error.params.allowedValues as unknown[]).length;
    narrowestEnum.set(error.instancePath, Math.min(count, narrowestEnum.get(error.instancePath) ?? count));
  }
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword === 'enum' && (error.params.allowedValues as unknown[]).length > narrowestEnum.get(error.instancePath)!) continue;
    // claimant: anyOf [id, null] yields three errors; keep a single one.
    if (error.schemaPath.includes('/anyOf/')) continue;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    useful.push(error);
  }
  return useful;
}

/** Turns an ajv error into a sentence that names the entry ("claim \"x\"") rather than a JSON pointer. */
function describeSchemaError(error: ErrorObject, value: Record<string, unknown>): string {
  const path = instancePathToJsonPath(error.instancePath);
  const subject = describeSubject(path, value);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${capitalize(subject)} is missing "${String(params.missingProperty)}".`;
    case 'additionalProperties':
      return `${capitalize(subject)} has an unknown property "${String(params.additionalProperty)}".`;
    case 'enum':
      return `${capitalize(subject)} must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'const':
      return `${capitalize(subject)} must be ${JSON.stringify(params.allowedValue)}.`;
    case 'type':
      return `${capitalize(subject)} must be ${String(params.type)}.`;
    case 'pattern':
      return path[path.length - 1] === 'url'
        ? `${capitalize(subject)} must be an http or https address.`
        : path[path.length - 1] === 'created'
          ? `${capitalize(subject)} must be a date such as 2022-09-16.`
          : `${capitalize(subject)} must be lower-case letters and digits joined by "-", "_" or "." (for example "edi-rama").`;
    case 'minLength':
      return `${capitalize(subject)} must not be empty.`;
    case 'maximum':
      return `${capitalize(subject)} must be a position in the article, at most ${String(params.limit)}.`;
    case 'uniqueItems':
      return `${capitalize(subject)} lists the same value twice.`;
    case 'anyOf':
      return path[path.length - 1] === 'claimant'
        ? `${capitalize(subject)} must be an entity id or null.`
        : `${capitalize(subject)} is not valid.`;
    default:
      return `${capitalize(subject)} ${error.message ?? 'is not valid'}.`;
  }
}

function describeSubject(path: JSONPath, value: Record<string, unknown>): string {
  if (path.length === 0) return 'the file';
  const [collection, index, ...rest] = path;
  if (COLLECTIONS.includes(collection as Collection) && typeof index === 'number') {
    const entries = value[collection as Collection] as Array<Record<string, unknown>>;
    const id = entries?.[index]?.id;
    const entry = `${singular(collection as Collection)} ${typeof id === 'string' ? `"${id}"` : `number ${index + 1}`}`;
    return rest.length === 0 ? entry : `"${rest.join('.')}" of ${entry}`;
  }
  return `"${path.join('.')}"`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

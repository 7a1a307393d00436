import * as l10n from '@vscode/l10n';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, printParseErrorCode, type JSONPath, type Node as JsonNode } from 'jsonc-parser';
import { annotationFileSchema, registrySchema } from './annotationFileSchema';
import { checkMeaning, type ReportAt } from './meaningChecks';
import { isSharedEntityPassages } from './sharedEntityPassages';
import { describeSchemaError, instancePathToJsonPath, selectUsefulSchemaErrors } from './schemaErrors';
import { buildJsonTree } from './jsonTreeBuilder';
import { jsonPlace, quickJsonValue } from './quickJsonValue';
import { ENTRIES_BETWEEN_PAUSES, finishNow, type ResumableWork } from '../text/resumableWork';
import { ANNOTATION_FORMAT_VERSION, COLLECTIONS, type AnnotationFile, type Collection, type PassageSelector, type RejectedSuggestion } from './annotationTypes';
import { decodeUtf8 } from '../text/utf8';
import { LineIndex, type TextLocation } from '../text/lineIndex';
import { internalErrorProblem, type Problem, type ProblemFix, type ProblemSeverity } from './problem';

/** An annotation file after loading: whatever could be used, and every problem at its place. */
/** What a file is read as: an article's annotations, or a registry of entities shared by a folder of articles. */
export type FileKind = 'annotations' | 'registry';

export interface ParsedAnnotationFile {
  fileName: string;
  text: string;
  /** Where things are in the text; built only when asked for a file read without a problem (see quickJsonValue). */
  locations: FileLocations;
  /**
   * The usable annotations: entries that fail the schema are left out (and reported);
   * undefined when the file cannot be used at all (not JSON, not an object, an unknown version).
   */
  annotations: AnnotationFile | undefined;
  /** For each kept entry, its index in the file (entries that fail the schema are left out); -1 for an entity of the registry. */
  sourceIndexes: Record<Collection, number[]>;
  problems: Problem[];
  /** The registry whose entities were merged in (see withRegistry), where their entries are. */
  registry?: ParsedAnnotationFile;
  /** Entries that add this article's passages to a registry's entity (no kind, type or name), with their index in the file. */
  sharedPassages: SharedEntityPassages[];
  /** The ids of the merged entities that come from the registry (see withRegistry). */
  sharedEntityIds?: ReadonlySet<string>;
  /** How many of the merged entities are the file's own, before the registry's (see withRegistry). */
  ownEntityCount?: number;
  /** The kept indexes of the merged entities with passages in this file, in order (see withRegistry): a model reads these, not the registry's thousands. */
  entitiesWithPassages?: readonly number[];
}

/** The file's JSON tree with positions (undefined where it could not be read) and its line index. */
export interface FileLocations {
  readonly root: JsonNode | undefined;
  readonly lineIndex: LineIndex;
  /** The offsets of the value at `path` (of its key, with `keyOnly`) as the tree gives them; undefined where the tree has no such value. */
  offsetsOf(path: JSONPath, keyOnly: boolean): { offset: number; length: number } | undefined;
}

/** The value of an annotation file, read: what ParsedAnnotationFile holds besides the text and the problems. */
type ReadValue = Pick<ParsedAnnotationFile, 'annotations' | 'sourceIndexes' | 'sharedPassages'>;

function treeLocations(root: JsonNode | undefined, lineIndex: LineIndex): FileLocations {
  return { root, lineIndex, offsetsOf: (path, keyOnly) => offsetsInTree(root, path, keyOnly) };
}

function offsetsInTree(root: JsonNode | undefined, path: JSONPath, keyOnly: boolean): { offset: number; length: number } | undefined {
  const node = root && findNodeAtLocation(root, path);
  if (!node) return undefined;
  const target = keyOnly && node.parent?.type === 'property' ? node.parent.children![0] : node;
  return { offset: target.offset, length: target.type === 'object' || target.type === 'array' ? 1 : target.length };
}

/**
 * A problem of a file read without positions: placed, and its message and fix written, when read. A class
 * (copy one with problemWith, not a spread): getters written in an object literal are kept in the old
 * generation with what they hold, the file's text and value among it (see AssembledModel).
 */
class LazyProblem implements Problem {
  private place: Pick<Problem, 'start' | 'end'> | undefined;
  private written: string | undefined;
  private fixed: { fix: ProblemFix | undefined } | undefined;

  constructor(
    readonly file: string,
    readonly severity: ProblemSeverity,
    readonly code: string,
    readonly jsonPath: JSONPath,
    private readonly locations: FileLocations,
    private readonly keyOnly: boolean,
    private readonly describe: string | (() => string),
    private readonly fixOf: ProblemFix | (() => ProblemFix | undefined) | undefined,
  ) {}

  get message(): string {
    return (this.written ??= typeof this.describe === 'string' ? this.describe : this.describe());
  }

  get start(): TextLocation {
    return (this.place ??= placeOf(this.locations, this.jsonPath, this.keyOnly)).start;
  }

  get end(): TextLocation {
    return (this.place ??= placeOf(this.locations, this.jsonPath, this.keyOnly)).end;
  }

  get fix(): ProblemFix | undefined {
    return (this.fixed ??= { fix: typeof this.fixOf === 'function' ? this.fixOf() : this.fixOf }).fix;
  }
}

/**
 * Locations of a file JSON.parse read, built on first use: a place is found by one pass up to it
 * (jsonPlace) until the tree is asked for. A copy of the parse spreads this object, not its contents.
 * A class, not an object literal with getters: those are kept in the old generation with what they hold
 * (see AssembledModel).
 */
class LazyLocations implements FileLocations {
  private tree: { root: JsonNode | undefined } | undefined;
  private lines: LineIndex | undefined;
  private placesFound = 0;

  constructor(private readonly text: string) {}

  get root(): JsonNode | undefined {
    return (this.tree ??= { root: finishNow(buildJsonTree(this.text, MAX_NESTING)).root }).root;
  }

  get lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  offsetsOf(path: JSONPath, keyOnly: boolean): { offset: number; length: number } | undefined {
    // Each place found without the tree costs a pass up to it: past a few, the tree costs less.
    if (!this.tree && ++this.placesFound > PLACES_BEFORE_TREE) void this.root;
    if (this.tree) return offsetsInTree(this.tree.root, path, keyOnly);
    const { text } = this;
    const place = jsonPlace(text, path);
    if (!place) return undefined;
    const composite = text[place.offset] === '{' || text[place.offset] === '[';
    if (keyOnly && place.keyOffset !== undefined) return { offset: place.keyOffset, length: place.keyLength! };
    return { offset: place.offset, length: composite ? 1 : place.length };
  }
}

/** The offsets of the value at `path` (its key with `keyOnly`), or of the whole value where the path leads nowhere. */
function offsetsOrWhole(locations: FileLocations, path: JSONPath, keyOnly: boolean): { offset: number; length: number } | undefined {
  return locations.offsetsOf(path, keyOnly) ?? locations.offsetsOf([], false);
}

/** Where the value at `path` is (its key with `keyOnly`; the whole value where there is none), as a problem's range. */
function placeOf(locations: FileLocations, path: JSONPath, keyOnly: boolean): Pick<Problem, 'start' | 'end'> {
  const found = offsetsOrWhole(locations, path, keyOnly);
  if (!found) return { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } };
  const { lineIndex } = locations;
  return { start: lineIndex.locationAt(found.offset), end: lineIndex.locationAt(found.offset + Math.max(found.length, 1)) };
}

/** A parse's result: what could be read of the file's value (nothing when undefined), and its problems. */
function parsedFile(fileName: string, text: string, locations: FileLocations, problems: Problem[], read: ReadValue | undefined): ParsedAnnotationFile {
  return { fileName, text, locations, annotations: read?.annotations, sourceIndexes: read?.sourceIndexes ?? { entities: [], claims: [], notes: [] }, problems, sharedPassages: read?.sharedPassages ?? [] };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An annotation file's passages of a registry's entity: its explicit mentions and exclusions in this article (issue 14). */
export interface SharedEntityPassages {
  id: string;
  mentions?: PassageSelector[];
  exclusions?: PassageSelector[];
  /** The entry's index in the file's "entities". */
  sourceIndex: number;
}


/** The range of the value at `path` in the file (the whole file when the path is not there). */
export function rangeInAnnotationFile(parsed: ParsedAnnotationFile, path: JSONPath): Pick<Problem, 'start' | 'end'> {
  const { locations } = parsed;
  const found = offsetsOrWhole(locations, path, false);
  if (!found) return { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
  return { start: locations.lineIndex.locationAt(found.offset), end: locations.lineIndex.locationAt(found.offset + found.length) };
}


/** How deep the format nests (root, entities, entity, mentions, passage, position), and the most a file may. */
const FORMAT_NESTING = 6;
const MAX_NESTING = 64;
/** How many places of a file read without its tree are found by a pass each (jsonPlace) before its tree is built. */
const PLACES_BEFORE_TREE = 3;
/** Files up to this length are first read with JSON.parse (see quickJsonValue): about 2 ms held at once at most. */
const QUICK_READ_LIMIT = 256 * 1024;

/**
 * Loads annotation files: parses with positions (jsonc-parser), checks the schema (ajv) and the meaning
 * (ids, references, answer chains, aliases). Never throws. One instance compiles the schema once.
 */
export class AnnotationFileParser {
  /** The file without its entries, and each kind of entry: checked apart, so that a huge file is checked in pieces. */
  private readonly validateOutline: ValidateFunction;
  private readonly validateEntry: Record<Collection, ValidateFunction>;
  /** The same for a registry of shared entities (issue 14). */
  private readonly validateRegistryOutline: ValidateFunction;
  private readonly validateRegistryEntity: ValidateFunction;

  /** `quickRead: false` always builds the tree with positions first (for tests that compare both ways). */
  constructor(private readonly options: { quickRead: boolean } = { quickRead: true }) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const { properties } = annotationFileSchema;
    const anyArray = { type: 'array' } as const;
    this.validateOutline = ajv.compile({ ...annotationFileSchema, properties: { ...properties, entities: anyArray, claims: anyArray, notes: anyArray } });
    this.validateEntry = {
      entities: ajv.compile(properties.entities.items),
      claims: ajv.compile(properties.claims.items),
      notes: ajv.compile(properties.notes.items),
    };
    this.validateRegistryOutline = ajv.compile({ ...registrySchema, properties: { ...registrySchema.properties, entities: anyArray } });
    this.validateRegistryEntity = ajv.compile(registrySchema.properties.entities.items);
  }

  /**
   * Loads a registry of actors and systems shared by a folder of articles: read as an annotation file
   * with entities only (no article, claims or notes), with the same located problems and meaning checks.
   */
  parseRegistry(text: string, fileName: string): ParsedAnnotationFile {
    return finishNow(this.parseInSteps(text, fileName, 'registry'));
  }

  /** Decodes bytes as strict UTF-8, reporting the first invalid byte at its line and column. */
  parseBytes(bytes: Uint8Array, fileName: string): ParsedAnnotationFile {
    return finishNow(this.parseBytesInSteps(bytes, fileName));
  }

  /** parseBytes for a registry (see parseRegistry). */
  parseRegistryBytes(bytes: Uint8Array, fileName: string): ParsedAnnotationFile {
    return finishNow(this.parseBytesInSteps(bytes, fileName, 'registry'));
  }

  /** parseBytes, pausing now and then (see resumableWork). */
  *parseBytesInSteps(bytes: Uint8Array, fileName: string, kind: FileKind = 'annotations'): ResumableWork<ParsedAnnotationFile> {
    const decoded = decodeUtf8(bytes);
    if (decoded.ok) return yield* this.parseInSteps(decoded.text, fileName, kind);
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, decoded.badByteOffset));
    const lineIndex = new LineIndex(lossy);
    const at = lineIndex.locationAt(prefix.length);
    return {
      fileName,
      text: lossy,
      locations: treeLocations(undefined, lineIndex),
      annotations: undefined,
      sourceIndexes: { entities: [], claims: [], notes: [] },
      sharedPassages: [],
      problems: [
        {
          file: fileName,
          severity: 'error',
          code: 'not-utf8',
          message: l10n.t('The file is not valid UTF-8 (byte 0x{0} at byte offset {1}). Save it as UTF-8.', bytes[decoded.badByteOffset].toString(16).padStart(2, '0'), decoded.badByteOffset),
          start: at,
          end: { line: at.line, column: at.column + 1 },
        },
      ],
    };
  }

  parse(text: string, fileName: string): ParsedAnnotationFile {
    return finishNow(this.parseInSteps(text, fileName));
  }

  /** parse (or parseRegistry), pausing now and then (see resumableWork). */
  *parseInSteps(text: string, fileName: string, kind: FileKind = 'annotations'): ResumableWork<ParsedAnnotationFile> {
    try {
      return yield* this.parseChecked(text, fileName, kind);
    } catch (error) {
      // Every failure is meant to be a problem at its place; this is the net under that promise.
      const lineIndex = new LineIndex(text);
      return {
        fileName,
        text,
        locations: treeLocations(undefined, lineIndex),
        annotations: undefined,
        sourceIndexes: { entities: [], claims: [], notes: [] },
        problems: [internalErrorProblem(fileName, error, l10n.t('The file could not be read'))],
        sharedPassages: [],
      };
    }
  }

  private *parseChecked(text: string, fileName: string, kind: FileKind): ResumableWork<ParsedAnnotationFile> {
    const registry = kind === 'registry';
    const body = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // A well-formed file without a problem needs no positions until something asks for one (see quickJsonValue).
    if (this.options.quickRead && body === 0 && text.length <= QUICK_READ_LIMIT) {
      const quick = quickJsonValue(text, MAX_NESTING);
      if (quick && isJsonObject(quick.value)) {
        const locations = new LazyLocations(text);
        const problems: Problem[] = [];
        // Each problem is placed (line and column), and its message and fix written, only when read: most
        // are unknown ids that the registry defines, dropped unread (see withRegistry).
        const reportLater: ReportAt = (severity, code, message, path, keyOnly = false, fix) => {
          problems.push(new LazyProblem(fileName, severity, code, path, locations, keyOnly, message, fix));
        };
        return parsedFile(fileName, text, locations, problems, yield* this.readValue(quick.value, kind, reportLater));
      }
    }

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
    const result = (root: JsonNode | undefined, read: ReadValue | undefined) => parsedFile(fileName, text, treeLocations(root, lineIndex), problems, read);

    if (text.trim().length === 0 || (body === 1 && text.slice(1).trim().length === 0)) {
      report(
        'error',
        'empty-file',
        registry
          ? l10n.t('The registry is empty: it must hold a JSON object with "version" and "entities".')
          : l10n.t('The annotation file is empty: it must hold a JSON object with "version", "article", "entities", "claims" and "notes".'),
        0,
        0,
      );
      return result(undefined, undefined);
    }

    // The tree walks and the schema check recurse: a file nested deeper than the format ever is would
    // overflow the stack, so it is refused at the bracket that goes too deep.
    const tree = yield* buildJsonTree(text, MAX_NESTING);
    if (tree.tooDeepAt !== undefined) {
      report('error', 'too-deep', l10n.t('The JSON is nested more than {0} levels deep here; an annotation file needs at most {1}. It was not read.', MAX_NESTING, FORMAT_NESTING), tree.tooDeepAt, 1);
      return result(undefined, undefined);
    }
    if (tree.syntaxError) {
      const { error, offset, length } = tree.syntaxError;
      report('error', 'invalid-json', l10n.t('Invalid JSON: {0}.', describeSyntaxError(printParseErrorCode(error))), offset, length);
    }
    const root = tree.root;
    if (!root) return result(undefined, undefined);

    if (root.type !== 'object') {
      const type = describeJsonType(root.type);
      report('error', 'not-an-object', registry ? l10n.t('The registry must hold a JSON object, not {0}.', type) : l10n.t('The annotation file must hold a JSON object, not {0}.', type), root.offset, 1);
      return result(root, undefined);
    }

    // With a key twice, JSON readers keep the last value while edits and messages find the first: the
    // file means two things at once, so it is not used (nor ever written) until one is removed.
    for (const { key, first } of tree.duplicateKeys.slice(0, 20)) {
      const firstLine = lineIndex.locationAt(first.offset).line + 1;
      report('error', 'duplicate-key', l10n.t('"{0}" appears twice in this object (first on line {1}); JSON readers would silently keep only one. Merge them into one.', String(key.value), firstLine), key.offset, key.length);
    }
    if (tree.duplicateKeys.length > 0) return result(root, undefined);

    const locations = treeLocations(root, lineIndex);
    const reportAt: ReportAt = (severity, code, message, path, keyOnly = false, fix) => {
      const fixed = typeof fix === 'function' ? fix() : fix;
      problems.push({ file: fileName, severity, code, message: typeof message === 'string' ? message : message(), ...placeOf(locations, path, keyOnly), jsonPath: path, ...(fixed ? { fix: fixed } : {}) });
    };
    return result(root, yield* this.readValue(tree.value as Record<string, unknown>, kind, reportAt));
  }

  /** The usable annotations of a file's value, its problems given to `reportAt`; undefined for a format version this is not. */
  private *readValue(value: Record<string, unknown>, kind: FileKind, reportAt: ReportAt): ResumableWork<ReadValue | undefined> {
    const registry = kind === 'registry';
    const collections: readonly Collection[] = registry ? ['entities'] : COLLECTIONS;
    if (value.version !== ANNOTATION_FORMAT_VERSION && typeof value.version === 'number') {
      reportAt('error', 'unsupported-version', l10n.t('This is format version {0}; this version of Marginalia reads version {1}.', String(value.version), ANNOTATION_FORMAT_VERSION), ['version']);
      return undefined;
    }
    const sourceIndexes: Record<Collection, number[]> = { entities: [], claims: [], notes: [] };
    const sharedPassages: SharedEntityPassages[] = [];

    const invalidEntries = new Set<string>();
    const schemaErrors: ErrorObject[] = [];
    const validateOutline = registry ? this.validateRegistryOutline : this.validateOutline;
    if (!validateOutline(value)) schemaErrors.push(...(validateOutline.errors ?? []));
    let steps = 0;
    for (const collection of collections) {
      const entries = value[collection];
      if (!Array.isArray(entries)) continue;
      const validate = registry ? this.validateRegistryEntity : this.validateEntry[collection];
      for (let index = 0; index < entries.length; index++) {
        if (++steps % ENTRIES_BETWEEN_PAUSES === 0) yield;
        if (validate(entries[index])) continue;
        for (const error of validate.errors ?? []) schemaErrors.push({ ...error, instancePath: `/${collection}/${index}${error.instancePath}` });
      }
    }
    for (const error of selectUsefulSchemaErrors(schemaErrors)) {
      const path = instancePathToJsonPath(error.instancePath);
      if (path.length >= 2 && COLLECTIONS.includes(path[0] as Collection)) invalidEntries.add(`${path[0]}/${path[1]}`);
      const property = error.keyword === 'additionalProperties' ? error.params.additionalProperty : error.keyword === 'propertyNames' ? error.params.propertyName : undefined;
      const propertyPath = property !== undefined ? [...path, String(property)] : path;
      reportAt('error', 'schema', describeSchemaError(error, value), propertyPath, property !== undefined);
    }

    const annotations: AnnotationFile = {
      version: ANNOTATION_FORMAT_VERSION,
      article: typeof value.article === 'string' ? value.article : '',
      entities: [],
      claims: [],
      notes: [],
    };
    if (typeof value.$schema === 'string') annotations.$schema = value.$schema;
    if (typeof value.registry === 'string' && !registry) annotations.registry = value.registry;
    if (Array.isArray(value.rejectedSuggestions) && !registry) annotations.rejectedSuggestions = value.rejectedSuggestions.filter(isRejectedSuggestion);
    for (const collection of collections) {
      const entries = Array.isArray(value[collection]) ? (value[collection] as unknown[]) : [];
      entries.forEach((entry, index) => {
        if (invalidEntries.has(`${collection}/${index}`)) return;
        if (collection === 'entities' && !registry && isSharedEntityPassages(entry)) {
          sharedPassages.push({ ...(entry as Omit<SharedEntityPassages, 'sourceIndex'>), sourceIndex: index });
          return;
        }
        (annotations[collection] as unknown[]).push(entry);
        sourceIndexes[collection].push(index);
      });
    }

    yield* checkMeaning(annotations, value, reportAt, invalidEntries);
    return { annotations, sourceIndexes, sharedPassages };
  }
}

/** A well-formed entry of "rejectedSuggestions" (a malformed one is reported by the schema and ignored). */
function isRejectedSuggestion(entry: unknown): entry is RejectedSuggestion {
  if (typeof entry !== 'object' || entry === null) return false;
  const record = entry as Record<string, unknown>;
  const text = (key: string) => typeof record[key] === 'string' && (record[key] as string).length > 0;
  switch (record.kind) {
    case 'entity':
      return text('name');
    case 'alias':
      return text('entity') && text('alias');
    case 'exclusion':
      return text('entity') && text('quote') && typeof record.context === 'string';
    case 'claim':
      return text('quote');
    default:
      return false;
  }
}

function describeSyntaxError(code: string): string {
  switch (code) {
    case 'InvalidSymbol':
      return l10n.t('unexpected character');
    case 'InvalidNumberFormat':
      return l10n.t('malformed number');
    case 'PropertyNameExpected':
      return l10n.t('expected a property name in double quotes');
    case 'ValueExpected':
      return l10n.t('expected a value');
    case 'ColonExpected':
      return l10n.t('expected ":" after the property name');
    case 'CommaExpected':
      return l10n.t('expected "," between entries');
    case 'CloseBraceExpected':
      return l10n.t('expected "}" to close the object');
    case 'CloseBracketExpected':
      return l10n.t('expected "]" to close the array');
    case 'EndOfFileExpected':
      return l10n.t('unexpected text after the end of the JSON value');
    case 'InvalidCommentToken':
      return l10n.t('comments are not allowed in JSON');
    case 'UnexpectedEndOfComment':
      return l10n.t('comment not closed');
    case 'UnexpectedEndOfString':
      return l10n.t('string not closed');
    case 'UnexpectedEndOfNumber':
      return l10n.t('number not finished');
    case 'InvalidUnicode':
      return l10n.t('invalid \\u escape');
    case 'InvalidEscapeCharacter':
      return l10n.t('invalid escape character in a string');
    case 'InvalidCharacter':
      return l10n.t('invalid character in a string (control characters must be escaped)');
    default:
      return code;
  }
}

function describeJsonType(type: JsonNode['type']): string {
  return type === 'array' ? l10n.t('an array') : type === 'null' ? 'null' : type === 'string' ? l10n.t('a string') : type === 'number' ? l10n.t('a number') : l10n.t('a boolean');
}

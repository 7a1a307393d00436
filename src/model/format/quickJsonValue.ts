// Most annotation files are well-formed. For them the engine's JSON.parse gives the value several times
// faster than building a tree with positions (buildJsonTree), which is then needed only if a problem
// must be shown at its place. JSON.parse keeps the last of two equal keys and does not limit nesting, so
// the value is used only once it is known to have neither; otherwise the tree is built after all.

/** Keys (a string with its colon), other strings, and brackets; exact on text JSON.parse accepted. */
const TOKENS = /"(?:[^"\\]|\\.)*"(\s*:)?|[{}[\]]/g;

/**
 * A quotation mark not escaped (after an even run of backslashes) followed by a colon: the end of every
 * key. Also the start of a string that begins with a colon (": yes"), which no key end is.
 */
const KEY_END = /(?<!\\)(?:\\\\)*"[ \t\n\r]*:/g;

/**
 * The value of `text` when it is strict JSON with no key twice in one object and no bracket deeper than
 * `maxDepth` (what buildJsonTree would give as `value`, with no error); undefined otherwise.
 */
export function quickJsonValue(text: string, maxDepth: number): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keys = keyCount(value, maxDepth);
  if (keys === undefined) return undefined;
  // Of two equal keys JSON.parse keeps one, so a key written twice leaves the value with fewer keys than
  // the text has key ends; a string that starts with a colon makes more. Equal counts mean neither (one
  // pass of the engine's, not one step of ours per key); otherwise the keys are compared one by one.
  let keyEnds = 0;
  KEY_END.lastIndex = 0;
  while (KEY_END.test(text)) keyEnds++;
  if (keyEnds === keys) return { value };
  return keysOnceEach(text) ? { value } : undefined;
}

/** How many keys a parsed value holds, at every depth; undefined when it nests deeper than `depthLeft` brackets. */
function keyCount(value: unknown, depthLeft: number): number | undefined {
  if (value === null || typeof value !== 'object') return 0;
  if (depthLeft === 0) return undefined;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = keyCount(item, depthLeft - 1);
      if (inner === undefined) return undefined;
      count += inner;
    }
    return count;
  }
  for (const key of Object.keys(value)) {
    const inner = keyCount((value as Record<string, unknown>)[key], depthLeft - 1);
    if (inner === undefined) return undefined;
    count += 1 + inner;
  }
  return count;
}

/** Whether no object of a text JSON.parse accepted has a key twice: one step per string and bracket. */
function keysOnceEach(text: string): boolean {
  // One set of keys per open object; undefined for an open array.
  const stack: Array<Set<string> | undefined> = [];
  TOKENS.lastIndex = 0;
  for (let match = TOKENS.exec(text); match !== null; match = TOKENS.exec(text)) {
    const token = match[0];
    const first = token.charCodeAt(0);
    if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
      stack.push(first === 0x7b ? new Set() : undefined);
    } else if (first === 0x7d /* } */ || first === 0x5d /* ] */) {
      stack.pop();
    } else if (match[1] !== undefined) {
      const key = keyOf(token.slice(0, token.length - match[1].length));
      const keys = stack[stack.length - 1]!;
      if (keys.has(key)) return false;
      keys.add(key);
    }
  }
  return true;
}

/** A key as JSON reads it, from its quoted text: "\u0061" and "a" are one key. */
function keyOf(quoted: string): string {
  return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
}

/** Strings (a key with its colon), brackets and commas; exact on text JSON.parse accepted. */
const PLACES = /"(?:[^"\\]|\\.)*"(\s*:)?|[{}[\],]/g;
const SCALAR = /-?\d[\d.eE+-]*|true|false|null/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;
/** Strings and brackets, to find where an object or array ends. */
const BRACKETS = /"(?:[^"\\]|\\.)*"|[{}[\]]/g;

/** Where a value (and its key, in an object) is in the text. */
export interface JsonPlace {
  offset: number;
  length: number;
  keyOffset?: number;
  keyLength?: number;
}

/**
 * The place of the value at `path` in `text`, which JSON.parse accepted, as jsonc-parser's tree gives it
 * (an object or array is its whole extent); undefined when there is none. One pass up to the value:
 * the few places a file read without its tree needs (see quickJsonValue) cost no tree.
 */
export function jsonPlace(text: string, path: ReadonlyArray<string | number>): JsonPlace | undefined {
  if (path.length === 0) {
    const start = skipSpace(text, 0);
    const end = valueEnd(text, start);
    return end === undefined ? undefined : { offset: start, length: end - start };
  }
  // Per open container: the key or index of the value being read, and whether the path runs through it.
  const stack: Array<{ array: boolean; index: number; key?: string; onPath: boolean }> = [];
  let keyOffset: number | undefined;
  let keyLength: number | undefined;
  // Whether the value being read in the innermost container is on the path (or the path runs through it).
  const onPathHere = () => {
    const depth = stack.length;
    if (depth === 0) return true;
    const top = stack[depth - 1];
    return top.onPath && depth <= path.length && (top.array ? top.index : top.key) === path[depth - 1];
  };
  // A value starts at `at`: the one wanted when the path ends here.
  const valueAt = (at: number): JsonPlace | undefined => {
    if (!onPathHere() || stack.length !== path.length) return undefined;
    const end = valueEnd(text, at);
    return end === undefined ? undefined : { offset: at, length: end - at, keyOffset, keyLength };
  };
  PLACES.lastIndex = 0;
  let expectValueAt: number | undefined = 0;
  for (let match = PLACES.exec(text); match !== null; match = PLACES.exec(text)) {
    const token = match[0];
    const at = match.index;
    // A scalar between the last token and this one (after ":", "[" or ","): the wanted value if the path ends there.
    const first = token.charCodeAt(0);
    if (expectValueAt !== undefined && first !== 0x22 /* " */ && first !== 0x7b && first !== 0x5b) {
      const start = skipSpace(text, expectValueAt);
      if (start < at) {
        const found = valueAt(start);
        if (found) return found;
      }
    }
    expectValueAt = undefined;
    if (first === 0x22 /* " */) {
      if (match[1] !== undefined) {
        const quoted = token.slice(0, token.length - match[1].length);
        stack[stack.length - 1].key = keyOf(quoted);
        keyOffset = at;
        keyLength = quoted.length;
        expectValueAt = at + token.length;
      } else {
        const found = valueAt(at);
        if (found) return found;
      }
    } else if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
      const found = valueAt(at);
      if (found) return found;
      stack.push({ array: first === 0x5b, index: 0, onPath: onPathHere() });
      keyOffset = undefined;
      keyLength = undefined;
      if (first === 0x5b) expectValueAt = at + 1;
    } else if (first === 0x7d /* } */ || first === 0x5d /* ] */) {
      stack.pop();
    } else {
      // A comma: the next entry of an array.
      const frame = stack[stack.length - 1];
      if (frame?.array) {
        frame.index++;
        keyOffset = undefined;
        keyLength = undefined;
        expectValueAt = at + 1;
      }
    }
  }
  return undefined;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

/** Where the value that starts at `at` ends. */
function valueEnd(text: string, at: number): number | undefined {
  const first = text.charCodeAt(at);
  if (first === 0x22 /* " */) {
    STRING.lastIndex = at;
    return STRING.exec(text) ? STRING.lastIndex : undefined;
  }
  if (first === 0x7b || first === 0x5b) {
    // The matching bracket, strings skipped.
    BRACKETS.lastIndex = at;
    let depth = 0;
    for (let match = BRACKETS.exec(text); match !== null; match = BRACKETS.exec(text)) {
      const c = match[0].charCodeAt(0);
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) if (--depth === 0) return BRACKETS.lastIndex;
    }
    return undefined;
  }
  SCALAR.lastIndex = at;
  return SCALAR.exec(text) ? SCALAR.lastIndex : undefined;
}

// Front matter is nearly always a few `key: value` lines and a list of authors. yaml's parseDocument
// reads that in about 0.1 ms, which over a corpus of 1,000 articles is a tenth of a second of its cold
// index: such front matter is read here, and anything else (quotes, comments, flow collections,
// numbers, several lines to one value, a key twice...) is left to yaml.

/** What yaml reads from simple front matter: its data, and where each single-line value is (offsets in the YAML text). */
export interface SimpleFrontMatter {
  data: Record<string, string | string[]>;
  /** [start, end] of each key's value when it is one scalar, as yaml's node range gives them. */
  ranges: Map<string, [number, number]>;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?:( +)(.*))?$/;
const ITEM_LINE = /^( *)- (.*)$/;
/** What yaml's core schema reads as something other than a string. */
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** Keys whose value must be one line of text (a list there is reported by yaml's ranges). */
const SCALAR_KEYS = new Set(['title', 'publisher', 'url', 'published']);

/** A plain scalar that yaml reads as exactly this string: no indicator first, no ": " or " #", no tab, no space at either end. */
function isPlainText(value: string): boolean {
  return (
    value.length > 0 &&
    !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(value) &&
    // eslint-disable-next-line no-control-regex -- control characters are what yaml refuses
    !/:(?:\s|$)|\s#|\t|\s$|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/.test(value) &&
    !NOT_A_STRING.test(value)
  );
}

/** The front matter's data when it is simple (see the file's comment); undefined to leave it to yaml. */
export function simpleFrontMatter(yaml: string): SimpleFrontMatter | undefined {
  // A map while reading: an object without a prototype is a dictionary, slow to fill, ask and copy.
  const data = new Map<string, string | string[]>();
  const ranges = new Map<string, [number, number]>();
  let list: { items: string[]; indent: number | undefined } | undefined;
  let offset = 0;
  for (const line of yaml.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (line.includes('\r')) return undefined;
    if (line.trim().length === 0) {
      if (line.length > 0) return undefined;
      continue;
    }
    const item = ITEM_LINE.exec(line);
    if (item) {
      if (!list || (list.indent !== undefined && list.indent !== item[1].length) || !isPlainText(item[2])) return undefined;
      list.indent = item[1].length;
      list.items.push(item[2]);
      continue;
    }
    if (list && list.items.length === 0) return undefined;
    list = undefined;
    const entry = KEY_LINE.exec(line);
    if (!entry) return undefined;
    const key = entry[1];
    if (data.has(key) || key === '__proto__') return undefined;
    if (entry[3] === undefined) {
      if (SCALAR_KEYS.has(key)) return undefined;
      list = { items: [], indent: undefined };
      data.set(key, list.items);
      continue;
    }
    const value = entry[3];
    if (!isPlainText(value)) return undefined;
    data.set(key, value);
    const valueStart = start + key.length + 1 + entry[2].length;
    ranges.set(key, [valueStart, valueStart + value.length]);
  }
  // No key at all is no mapping (yaml reads null).
  if ((list && list.items.length === 0) || data.size === 0) return undefined;
  return { data: Object.fromEntries(data), ranges };
}

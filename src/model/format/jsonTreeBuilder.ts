import { createScanner, ParseErrorCode, ScanError, SyntaxKind, type Node as JsonNode } from 'jsonc-parser';
import { STEPS_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';

// jsonc-parser's parseTree builds the tree with positions in one call that cannot pause (about 100 ms
// for a 1.5 MB file, plus 30 ms for getNodeValue), and recurses. This builds the same tree, with
// jsonc-parser's own scanner and node shape (so findNodeAtLocation and the rest keep working), the plain
// value alongside, duplicate keys and nesting depth in the same pass; iteratively, and pausing every few
// thousand tokens. It reads strict JSON (no comments, no trailing commas) and stops at the first error.

export interface JsonSyntaxError {
  error: ParseErrorCode;
  offset: number;
  length: number;
}

export interface JsonTree {
  /** Undefined when the text holds no value, or when reading stopped at an error. */
  root: JsonNode | undefined;
  /** The value, as JSON.parse would give it (a "__proto__" key is an own property, as there). */
  value: unknown;
  syntaxError?: JsonSyntaxError;
  /** The offset of the first bracket that opens a level deeper than the limit; reading stopped there. */
  tooDeepAt?: number;
  /** Every key that repeats an earlier key of the same object, with that earlier key, in text order. */
  duplicateKeys: Array<{ key: JsonNode; first: JsonNode }>;
}

/** jsonc-parser's node, while it is being built. */
type Building = { -readonly [K in keyof JsonNode]: JsonNode[K] } & { children?: Building[] };

interface Frame {
  node: Building;
  value: Record<string, unknown> | unknown[];
  /** Objects: the keys seen, and the property whose value comes next. */
  keys?: Map<string, Building>;
  property?: Building;
}

const SCAN_ERRORS: Partial<Record<ScanError, ParseErrorCode>> = {
  [ScanError.InvalidUnicode]: ParseErrorCode.InvalidUnicode,
  [ScanError.InvalidEscapeCharacter]: ParseErrorCode.InvalidEscapeCharacter,
  [ScanError.UnexpectedEndOfNumber]: ParseErrorCode.UnexpectedEndOfNumber,
  [ScanError.UnexpectedEndOfComment]: ParseErrorCode.UnexpectedEndOfComment,
  [ScanError.UnexpectedEndOfString]: ParseErrorCode.UnexpectedEndOfString,
  [ScanError.InvalidCharacter]: ParseErrorCode.InvalidCharacter,
};

class StopReading {
  constructor(readonly error?: JsonSyntaxError) {}
}

/** Reads `text` as strict JSON into a jsonc-parser tree and its value; see the file's comment. */
export function* buildJsonTree(text: string, maxDepth: number): ResumableWork<JsonTree> {
  const scanner = createScanner(text, false);
  const duplicateKeys: JsonTree['duplicateKeys'] = [];
  const stack: Frame[] = [];
  let token = SyntaxKind.Unknown as SyntaxKind;
  let root: Building | undefined;
  let rootValue: unknown;
  let steps = 0;

  const fail = (error: ParseErrorCode): never => {
    throw new StopReading({ error, offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
  };
  const next = (): SyntaxKind => {
    for (;;) {
      const kind = scanner.scan();
      if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
      if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) fail(ParseErrorCode.InvalidCommentToken);
      const scanError = SCAN_ERRORS[scanner.getTokenError()];
      if (scanError !== undefined) fail(scanError);
      if (kind === SyntaxKind.Unknown) fail(ParseErrorCode.InvalidSymbol);
      return kind;
    }
  };
  const tokenEnd = () => scanner.getTokenOffset() + scanner.getTokenLength();
  /** Attaches a finished (leaf) or started (container) node to its parent. */
  const attach = (node: Building) => {
    const frame = stack[stack.length - 1];
    if (!frame) root = node;
    else if (frame.property) {
      node.parent = frame.property;
      frame.property.children!.push(node);
    } else {
      node.parent = frame.node;
      frame.node.children!.push(node);
    }
  };
  /** Records a finished value in its parent; `token` is the one after it. */
  const finished = (node: Building, value: unknown) => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      rootValue = value;
      if (token !== SyntaxKind.EOF) fail(ParseErrorCode.EndOfFileExpected);
      return;
    }
    if (Array.isArray(frame.value)) {
      frame.value.push(value);
      return;
    }
    const property = frame.property!;
    property.length = node.offset + node.length - property.offset;
    const key = property.children![0].value as string;
    if (key === '__proto__') Object.defineProperty(frame.value, key, { value, enumerable: true, writable: true, configurable: true });
    else frame.value[key] = value;
    frame.property = undefined;
  };
  /** After `{` or `,` in an object: a key and a colon; leaves `token` at the value. */
  const readKey = (frame: Frame, afterOpen: boolean) => {
    // As jsonc-parser says it: a comma just after "{" is a missing value.
    if (afterOpen && token === SyntaxKind.CommaToken) fail(ParseErrorCode.ValueExpected);
    if (token !== SyntaxKind.StringLiteral) fail(ParseErrorCode.PropertyNameExpected);
    const property: Building = { type: 'property', offset: scanner.getTokenOffset(), length: -1, parent: frame.node, children: [] };
    const key: Building = { type: 'string', value: scanner.getTokenValue(), offset: scanner.getTokenOffset(), length: scanner.getTokenLength(), parent: property };
    property.children!.push(key);
    frame.node.children!.push(property);
    const first = frame.keys!.get(key.value);
    if (first) duplicateKeys.push({ key, first });
    else frame.keys!.set(key.value, key);
    token = next();
    if (token !== SyntaxKind.ColonToken) fail(ParseErrorCode.ColonExpected);
    property.colonOffset = scanner.getTokenOffset();
    frame.property = property;
    token = next();
  };

  try {
    token = next();
    let expectValue = true;
    for (;;) {
      if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
      if (expectValue) {
        const offset = scanner.getTokenOffset();
        switch (token) {
          case SyntaxKind.OpenBraceToken:
          case SyntaxKind.OpenBracketToken: {
            if (stack.length >= maxDepth) return { root: undefined, value: undefined, tooDeepAt: offset, duplicateKeys };
            const isObject = token === SyntaxKind.OpenBraceToken;
            const node: Building = { type: isObject ? 'object' : 'array', offset, length: -1, children: [] };
            attach(node);
            const frame: Frame = isObject ? { node, value: {}, keys: new Map() } : { node, value: [] };
            stack.push(frame);
            token = next();
            const closing = isObject ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
            if (token === closing) {
              expectValue = false;
              continue; // closed below
            }
            if (isObject) readKey(frame, true);
            continue;
          }
          case SyntaxKind.StringLiteral:
          case SyntaxKind.NumericLiteral:
          case SyntaxKind.TrueKeyword:
          case SyntaxKind.FalseKeyword:
          case SyntaxKind.NullKeyword: {
            const length = scanner.getTokenLength();
            let value: unknown;
            let type: JsonNode['type'];
            if (token === SyntaxKind.StringLiteral) [type, value] = ['string', scanner.getTokenValue()];
            else if (token === SyntaxKind.NumericLiteral) {
              value = Number(scanner.getTokenValue());
              type = 'number';
              if (Number.isNaN(value)) fail(ParseErrorCode.InvalidNumberFormat);
            } else if (token === SyntaxKind.NullKeyword) [type, value] = ['null', null];
            else [type, value] = ['boolean', token === SyntaxKind.TrueKeyword];
            const node: Building = { type, value, offset, length };
            attach(node);
            token = next();
            finished(node, value);
            expectValue = false;
            continue;
          }
          default:
            fail(ParseErrorCode.ValueExpected);
        }
      }
      // After a value inside a container (or just after its opening bracket, when it is empty).
      const frame = stack[stack.length - 1];
      if (!frame) break;
      const isObject = frame.node.type === 'object';
      const closing = isObject ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
      if (token === closing) {
        frame.node.length = tokenEnd() - frame.node.offset;
        stack.pop();
        token = next();
        finished(frame.node, frame.value);
        continue;
      }
      if (token === SyntaxKind.CommaToken) {
        token = next();
        if (isObject) readKey(frame, false);
        else if (token === SyntaxKind.CloseBracketToken) fail(ParseErrorCode.ValueExpected);
        expectValue = true;
        continue;
      }
      if (token === SyntaxKind.EOF) fail(isObject ? ParseErrorCode.CloseBraceExpected : ParseErrorCode.CloseBracketExpected);
      fail(ParseErrorCode.CommaExpected);
    }
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
    return { root: undefined, value: undefined, syntaxError: error.error, duplicateKeys };
  }
  return { root, value: rootValue, duplicateKeys };
}

import type { FormattingOptions } from 'jsonc-parser';

/**
 * How a JSON file is laid out: tabs or spaces and how many, and its line ends, read from the file
 * itself, so that what Marginalia writes into it looks like the rest (two spaces and LF for a new file).
 */
export function jsonFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented && indented[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const spaces = indented ? indented[1].length : 2;
  return { insertSpaces: true, tabSize: spaces >= 1 && spaces <= 8 ? spaces : 2, eol };
}

/** The white space at the start of the line that holds `offset`. */
export function indentationOfLineAt(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(lineStart, end);
}

/** A value written as JSON with the file's formatting, its lines after the first indented from `baseIndentation`. */
export function formatJsonValue(value: unknown, formatting: FormattingOptions, baseIndentation: string): string {
  const unit = formatting.insertSpaces ? ' '.repeat(formatting.tabSize ?? 2) : '\t';
  return JSON.stringify(value, null, unit)
    .split('\n')
    .map((line, index) => (index === 0 ? line : baseIndentation + line))
    .join(formatting.eol ?? '\n');
}

/**
 * The text with non-overlapping edits applied, in one pass: jsonc-parser's applyEdits rebuilds the
 * whole text once per edit, which is quadratic for the thousands a refresh of anchors can make.
 */
export function applyEditsInOnePass(text: string, edits: ReadonlyArray<{ offset: number; length: number; content: string }>): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.offset < cursor) throw new Error('Overlapping edits cannot be applied in one pass.');
    parts.push(text.slice(cursor, edit.offset), edit.content);
    cursor = edit.offset + edit.length;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

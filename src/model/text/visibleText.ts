// Text from files (ids, quotes, names) printed in a terminal or a one-line message: control characters
// and bidirectional overrides are shown as escapes, so that no file can move the cursor, recolour the
// screen, or start a line of its own that looks like a message ("file:1:1: info: ...").

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- as above
const INVISIBLE_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line: every control character (line breaks and tabs too) and bidi control shown as an escape. */
export function visibleLine(text: string): string {
  return text.replace(INVISIBLE, escape);
}

/** Text of several lines (a citation): line breaks and tabs kept, every other control shown as an escape. */
export function visibleLines(text: string): string {
  return text.replace(INVISIBLE_BUT_LINES, escape);
}

/** Text as markdown-it reads it: CRLF and a lone CR as LF, NUL as U+FFFD (its offsets past a CRLF differ from the text's). */
export function markdownItSource(text: string): string {
  return /[\r\0]/.test(text) ? text.replace(/\r\n?/g, '\n').replace(/\0/g, '\ufffd') : text;
}

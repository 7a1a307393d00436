/**
 * The address as a normalised http(s) URL, or undefined for anything else (javascript:, data:, text
 * that does not parse). Normalising percent-encodes quotes, angle brackets and spaces, so the result
 * is safe in an attribute or a Markdown link.
 */
export function httpUrl(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text.trim())) return undefined;
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // The WHATWG parser leaves these as they are in paths and queries; a link must not carry them raw.
    return url.href.replace(/[<>"'`\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  } catch {
    return undefined;
  }
}

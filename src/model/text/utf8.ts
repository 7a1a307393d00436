// Strict UTF-8: a file that is not valid UTF-8 is reported at its first bad byte, never read as U+FFFD.

/** The text, or the byte offset of the first byte that is not valid UTF-8. A BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; badByteOffset: number } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, badByteOffset: findInvalidUtf8Byte(bytes) };
  }
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence. */
export function findInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const continuation = bytes[i + k];
      if (continuation === undefined || (continuation & 0xc0) !== 0x80) return i;
    }
    const decoded = new TextDecoder('utf-8', { fatal: true });
    try {
      decoded.decode(bytes.subarray(i, i + length));
    } catch {
      return i; // overlong forms and surrogates
    }
    i += length;
  }
  return bytes.length;
}


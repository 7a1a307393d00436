import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file-system calls an atomic write makes; tests pass one that fails on purpose. */
export type WriteFileSystem = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'statSync' | 'fchmodSync' | 'realpathSync'>;

/**
 * Writes a file so that it is either all old or all new, whatever happens on the way (a kill, a full
 * disk, a file-size limit): the text goes to a temporary file in the same folder, is flushed to disk,
 * and is then renamed over the original, which keeps its permissions. On failure the temporary file is
 * removed, the original is untouched, and the error is thrown.
 */
export function writeFileAtomically(requestedPath: string, text: string | Uint8Array, fs: WriteFileSystem = nodeFs): void {
  // Through a symbolic link, the file it points to is replaced, not the link.
  let path = requestedPath;
  try {
    path = fs.realpathSync(requestedPath);
  } catch {
    path = requestedPath;
  }
  let mode: number | undefined;
  try {
    mode = fs.statSync(path).mode & 0o7777;
  } catch {
    mode = undefined; // A new file: the default mode, under the umask.
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(temporary, 'wx', mode ?? 0o666);
    if (mode !== undefined) fs.fchmodSync(descriptor, mode);
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(descriptor, bytes, written, bytes.length - written);
    fs.fsyncSync(descriptor);
    fs.closeSync(descriptor);
    descriptor = undefined;
    fs.renameSync(temporary, path);
  } catch (error) {
    if (descriptor !== undefined) {
      try {
        fs.closeSync(descriptor);
      } catch {
        // Already failing: the first error is the one to report.
      }
    }
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Never created, or already gone.
    }
    throw error;
  }
}

import * as l10n from '@vscode/l10n';
import { rangeInAnnotationFile, type ParsedAnnotationFile } from './annotationFileParser';
import type { Problem } from './problem';

/** The file name of a folder's registry of shared actors and systems (issue 14). */
export const REGISTRY_FILE_NAME = 'marginalia.registry.json';

/**
 * Where an annotation file's registry may be, in the order to try, as '/'-separated paths (URI paths in
 * the editor, file paths in the CLI): the one the file names (`named`, relative to its folder) alone,
 * else marginalia.registry.json in its folder and each folder above, up to `root` (a workspace folder)
 * when given. The one rule the CLI and the editor share.
 */
export function registryCandidates(annotationPath: string, named: string | undefined, root?: string): string[] {
  const folder = parentPath(annotationPath);
  if (named !== undefined) return [joinPath(folder, named)];
  const candidates: string[] = [];
  const top = root === undefined ? undefined : root.replace(/\/+$/, '') || '/';
  for (let at = folder; ; at = parentPath(at)) {
    candidates.push(joinPath(at, REGISTRY_FILE_NAME));
    if (at === top || parentPath(at) === at || (top !== undefined && !at.startsWith(top))) break;
  }
  return candidates;
}

/** The problem at an annotation file's "registry" when the registry it names does not exist. */
export function registryMissingProblem(file: ParsedAnnotationFile, named: string, where: string): Problem {
  return {
    file: file.fileName,
    severity: 'error',
    code: 'registry-missing',
    message: l10n.t('No registry at {0} ({1}): its entities are not known here.', named, where),
    ...rangeInAnnotationFile(file, ['registry']),
  };
}

/** The folder of a '/'-separated path: "/a/b/c.json" → "/a/b"; a root ("/", "C:") is its own folder. */
export function parentPath(path: string): string {
  const slash = path.replace(/\/+$/, '').lastIndexOf('/');
  if (slash < 0) return path;
  return slash === 0 ? '/' : path.slice(0, slash);
}

/** `relative` resolved against `folder`, with "." and ".." segments removed; an absolute `relative` stands alone. */
export function joinPath(folder: string, relative: string): string {
  const absolute = relative.startsWith('/');
  const segments = absolute ? [] : folder.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') {
      // Never above the root: "/.." is "/".
      if (segments.length > 1 || (segments.length === 1 && segments[0] !== '')) segments.pop();
    } else segments.push(segment);
  }
  const joined = segments.join('/');
  return absolute || folder.startsWith('/') ? `/${joined.replace(/^\/+/, '')}` : joined;
}

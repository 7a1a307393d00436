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

/**
 * The other registries that could serve an article besides the one it uses (at `used` among its
 * candidates): for a named registry, the folder's own (the other articles of the folder use it); for
 * the nearest one, those further up, which it hides. Which of them exist is for the caller to find out.
 */
export function otherRegistryCandidates(annotationPath: string, named: string | undefined, used: string, root?: string): string[] {
  if (named !== undefined) return registryCandidates(annotationPath, undefined, root).filter((path) => path !== used);
  const chain = registryCandidates(annotationPath, undefined, root);
  return chain.slice(chain.indexOf(used) + 1);
}

/** The warning in a registry that hides another further up for the articles below it. */
export function registryHidesProblem(registry: ParsedAnnotationFile, hidden: string): Problem {
  return {
    file: registry.fileName,
    severity: 'warning',
    code: 'registry-hides',
    message: l10n.t('This registry serves the articles of its folder instead of {0} above it, whose entities they do not see. Merge the two, or name the one each article uses with "registry" in its annotation file.', hidden),
    start: { line: 0, column: 0 },
    end: { line: 0, column: 1 },
  };
}

/** The warning at an annotation file's "registry" when its folder has a registry of its own that it does not use. */
export function registryBesideProblem(file: ParsedAnnotationFile, folderRegistry: string): Problem {
  return {
    file: file.fileName,
    severity: 'warning',
    code: 'registry-hides',
    message: l10n.t('The folder has its own registry, {0}, which its other articles use; this article reads the one it names instead.', folderRegistry),
    ...rangeInAnnotationFile(file, ['registry']),
  };
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

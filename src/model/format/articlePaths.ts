// Naming rules that pair an article with its annotation file: NAME.md beside NAME.annotations.json.

export const ANNOTATION_FILE_SUFFIX = '.annotations.json';
const MARKDOWN_EXTENSION = /\.(md|markdown)$/i;

export function isAnnotationFileName(path: string): boolean {
  return path.endsWith(ANNOTATION_FILE_SUFFIX);
}

export function isArticleFileName(path: string): boolean {
  return MARKDOWN_EXTENSION.test(path);
}

/** articles/x.md → articles/x.annotations.json */
export function annotationPathForArticle(articlePath: string): string {
  return articlePath.replace(MARKDOWN_EXTENSION, '') + ANNOTATION_FILE_SUFFIX;
}

/** articles/x.annotations.json → articles/x.md (the default; the file's "article" field may name another). */
export function defaultArticlePathForAnnotations(annotationPath: string): string {
  return annotationPath.slice(0, -ANNOTATION_FILE_SUFFIX.length) + '.md';
}

/** The file name at the end of a path or URI (decoded, since URIs percent-encode it). */
export function lastPathSegment(path: string): string {
  const segment = path.split(/[\\/]/).pop() ?? path;
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(path) ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}

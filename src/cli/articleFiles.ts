import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { AnnotationFileParser, ParsedAnnotationFile } from '../model/format/annotationFileParser';
import { withRegistry } from '../model/format/withRegistry';
import { otherRegistryCandidates, registryBesideProblem, registryCandidates, registryHidesProblem, registryMissingProblem } from '../model/format/registryLocation';
import { annotationPathForArticle, defaultArticlePathForAnnotations, isAnnotationFileName, isArticleFileName } from '../model/format/articlePaths';
import { parseArticle } from '../model/article/articleParser';
import { emptyAnnotationFileText } from '../model/format/annotationTypes';
import { CorpusIndex, indexArticle, type IndexedArticle } from '../model/corpus/corpusIndex';
import type { ArticleModel } from '../model/article/articleModel';
import { buildArticleModel } from '../model/article/buildArticleModel';
import type { Problem } from '../model/format/problem';
import { decodeUtf8 } from '../model/text/utf8';

// Loading articles from disk, for the CLI. The extension reads through VS Code instead, so that
// unsaved editor contents and remote workspaces count. Every failure to read is a problem at its file.

export interface ArticlePair {
  articlePath: string;
  annotationPath: string;
}

/** Every article with an annotation file, and every annotation file, under the given files and folders. */
export function findArticlePairs(paths: readonly string[]): { pairs: ArticlePair[]; problems: Problem[] } {
  const pairs = new Map<string, ArticlePair>();
  const problems: Problem[] = [];
  // Folders already walked, by their real path: a symbolic link back up the tree is walked once.
  const walked = new Set<string>();
  const visit = (path: string, explicit: boolean) => {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      problems.push(fileProblem(path, 'not-found', describeFileError(error, 'read')));
      return;
    }
    if (stats.isDirectory()) {
      let real: string;
      let entries: string[];
      try {
        real = realpathSync(path);
        entries = readdirSync(path).sort();
      } catch (error) {
        problems.push(fileProblem(path, 'unreadable', describeFileError(error, 'list')));
        return;
      }
      if (walked.has(real)) return;
      walked.add(real);
      for (const entry of entries) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        visit(join(path, entry), false);
      }
      return;
    }
    if (isAnnotationFileName(path)) {
      const articlePath = defaultArticlePathForAnnotations(path);
      pairs.set(resolve(path), { articlePath, annotationPath: path });
    } else if (isArticleFileName(path)) {
      const annotationPath = annotationPathForArticle(path);
      if (isFile(annotationPath)) pairs.set(resolve(annotationPath), { articlePath: path, annotationPath });
      else if (explicit) problems.push(fileProblem(path, 'no-annotations', `No annotation file for this article: expected ${basename(annotationPath)} beside it.`, 'warning'));
    } else if (explicit) {
      problems.push(fileProblem(path, 'not-an-article', 'Not an article (NAME.md) or an annotation file (NAME.annotations.json).', 'warning'));
    }
  };
  for (const path of paths) visit(path, true);
  return { pairs: [...pairs.values()], problems };
}

/**
 * The registries of shared entities that articles use (issue 14), each read once, with the problems to
 * show in them: their own, and those of the articles' entities that clash with theirs.
 */
export class Registries {
  private readonly parsed = new Map<string, ParsedAnnotationFile>();
  private readonly extraProblems: Problem[] = [];
  /** Registries already reported as hiding one further up. */
  private readonly hiding = new Set<string>();

  constructor(private readonly parser: AnnotationFileParser) {}

  /**
   * The article's annotations with its registry's entities: the registry its annotation file names
   * ("registry", relative to that file), else the nearest marginalia.registry.json in the article's
   * folder or above. A registry named but missing is a problem at the name.
   */
  merge(pair: ArticlePair, file: ParsedAnnotationFile): ParsedAnnotationFile {
    const named = file.annotations?.registry;
    // The rule is the editor's too; a named registry is relative to the annotation file, a found one
    // is looked for from the article's folder up.
    const from = named !== undefined ? pair.annotationPath : pair.articlePath;
    const path = registryCandidates(toSlashes(resolve(from)), named).find(isFile);
    if (path === undefined && named !== undefined) {
      file.problems.push(registryMissingProblem(file, named, registryCandidates(toSlashes(resolve(from)), named)[0]));
      return file;
    }
    if (path === undefined) return file;
    const registry = this.read(path);
    // Another registry this article could have read: the folder's own beside a named one, or one further up that this one hides.
    const other = otherRegistryCandidates(toSlashes(resolve(from)), named, path).find(isFile);
    if (other !== undefined) {
      if (named !== undefined) file.problems.push(registryBesideProblem(file, relative(dirname(pair.annotationPath), other) || basename(other)));
      else if (!this.hiding.has(path)) {
        this.hiding.add(path);
        this.extraProblems.push(registryHidesProblem(registry, relative(dirname(path), other)));
      }
    }
    const { file: merged, registryProblems } = withRegistry(file, registry);
    this.extraProblems.push(...registryProblems);
    return merged;
  }

  /** Every registry read, its own problems and those the articles found in it. */
  problems(): Problem[] {
    return [...[...this.parsed.values()].flatMap((registry) => registry.problems), ...this.extraProblems];
  }

  private read(path: string): ParsedAnnotationFile {
    let registry = this.parsed.get(path);
    if (!registry) {
      const problems: Problem[] = [];
      const bytes = readBytes(path, problems);
      registry = bytes ? this.parser.parseRegistryBytes(bytes, path) : { ...this.parser.parseRegistry('{"version":1,"entities":[]}', path), problems };
      this.parsed.set(path, registry);
    }
    return registry;
  }
}

/**
 * The models of the given articles and a corpus index of them and of every article their claims answer,
 * read as far as the answers lead (a reference is checked against the article it names, whether or
 * not that article was asked for). The corpus's problems are those of the given articles.
 */
export function loadCorpus(pairs: readonly ArticlePair[], parser: AnnotationFileParser, registries = new Registries(parser)): { models: ArticleModel[]; corpus: CorpusIndex; corpusProblems: Problem[] } {
  const corpus = new CorpusIndex();
  const models: ArticleModel[] = [];
  const add = (pair: ArticlePair): { article: IndexedArticle; model: ArticleModel } => {
    const model = loadArticleModel(pair, parser, undefined, registries);
    const article = indexArticle(model, { key: pair.articlePath, path: toSlashes(resolve(pair.articlePath)), annotationKey: pair.annotationPath, annotationPath: toSlashes(resolve(pair.annotationPath)) }, corpus.intern);
    corpus.set(article);
    return { article, model };
  };
  const pending: IndexedArticle[] = [];
  for (const pair of pairs) {
    const { article, model } = add(pair);
    models.push(model);
    pending.push(article);
  }
  for (let article = pending.pop(); article; article = pending.pop()) {
    for (const claim of article.claims) {
      if (claim.answers?.article === undefined) continue;
      const path = corpus.targetPath(article, claim.answers.article);
      if (corpus.byPath(path)) continue;
      const annotationPath = annotationPathForArticle(path);
      if (isFile(path) && isFile(annotationPath)) pending.push(add({ articlePath: path, annotationPath }).article);
    }
  }
  const asked = new Set(pairs.map((pair) => pair.annotationPath));
  return { models, corpus, corpusProblems: corpus.problems().filter((problem) => asked.has(problem.file)) };
}

/** Reads and anchors one article and its annotation file (with its registry); problems, never exceptions, for bad input. */
export function loadArticleModel(pair: ArticlePair, parser: AnnotationFileParser, searchLimit?: number, registries = new Registries(parser), options: { blankWhenMissing?: boolean } = {}): ArticleModel {
  const extraProblems: Problem[] = [];
  // An article not annotated yet reads as one with an empty annotation file (for suggestions).
  const blank = options.blankWhenMissing && !isFile(pair.annotationPath) ? new TextEncoder().encode(emptyAnnotationFileText(basename(pair.articlePath))) : undefined;
  const annotationBytes = blank ?? readBytes(pair.annotationPath, extraProblems);
  let annotationFile = parser.parseBytes(annotationBytes ?? new Uint8Array(), pair.annotationPath);
  if (!annotationBytes) annotationFile.problems = extraProblems.splice(0);
  annotationFile = registries.merge(pair, annotationFile);
  let articleText = '';
  const articleBytes = readBytes(pair.articlePath, extraProblems, 'article-missing', `The article ${pair.articlePath} could not be read`);
  if (articleBytes) {
    const decoded = decodeUtf8(articleBytes);
    if (decoded.ok) {
      articleText = decoded.text;
    } else {
      // Read as far as it is valid, and say where it stops being UTF-8 (a reader would see U+FFFD there).
      articleText = new TextDecoder('utf-8').decode(articleBytes.subarray(0, decoded.badByteOffset));
      const lines = articleText.split(/\r\n|\r|\n/);
      const at = { line: lines.length - 1, column: lines[lines.length - 1].length };
      extraProblems.push({
        file: pair.articlePath,
        severity: 'error',
        code: 'not-utf8',
        message: `The article is not valid UTF-8 (byte 0x${articleBytes[decoded.badByteOffset].toString(16).padStart(2, '0')} at byte offset ${decoded.badByteOffset}); only the text before it was read. Save it as UTF-8.`,
        start: at,
        end: { line: at.line, column: at.column + 1 },
      });
    }
  }
  const model = buildArticleModel(parseArticle(articleText, pair.articlePath), annotationFile, undefined, searchLimit);
  model.problems.push(...extraProblems);
  return model;
}

function readBytes(path: string, problems: Problem[], code = 'unreadable', what = 'The file could not be read'): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    problems.push(fileProblem(path, code, `${what}: ${describeFileError(error, 'read')}`));
    return undefined;
  }
}

/** A Node path with '/' separators, as the core's path rules take them (Node accepts them on Windows too). */
function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** What a file-system error means, in words: "No such file or folder.", "Permission denied." */
export function describeFileError(error: unknown, verb: 'read' | 'list' | 'write'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'No such file or folder.';
    case 'EACCES':
    case 'EPERM':
      return `Permission denied: it cannot be ${verb === 'list' ? 'listed' : verb === 'write' ? 'written' : 'read'}.`;
    case 'EISDIR':
      return 'It is a folder, not a file.';
    case 'ENOTDIR':
      return 'A part of the path is a file, not a folder.';
    case 'ELOOP':
      return 'Symbolic links lead in a circle here.';
    case 'ENOSPC':
      return 'The disk is full.';
    case 'EFBIG':
      return 'The file is larger than this system allows.';
    case 'EROFS':
      return 'The file system is read-only.';
    default:
      return `${(error as Error | undefined)?.message ?? String(error)}.`;
  }
}

function fileProblem(file: string, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, code, message, severity, start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
}

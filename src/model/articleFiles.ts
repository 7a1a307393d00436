import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { AnnotationFileParser } from './annotationFileParser';
import { annotationPathForArticle, defaultArticlePathForAnnotations, isAnnotationFileName, isArticleFileName } from './articlePaths';
import { parseArticle } from './articleParser';
import { buildArticleModel, type ArticleModel } from './articleModel';
import type { Problem } from './problem';

// Loading articles from disk, for the CLI and scripts. The extension reads through VS Code instead,
// so that unsaved editor contents and remote workspaces count.

export interface ArticlePair {
  articlePath: string;
  annotationPath: string;
}

/** Every article with an annotation file, and every annotation file, under the given files and folders. */
export function findArticlePairs(paths: readonly string[]): { pairs: ArticlePair[]; problems: Problem[] } {
  const pairs = new Map<string, ArticlePair>();
  const problems: Problem[] = [];
  const visit = (path: string, explicit: boolean) => {
    if (!existsSync(path)) {
      problems.push(fileProblem(path, 'not-found', 'No such file or folder.'));
      return;
    }
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
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
      if (existsSync(annotationPath)) pairs.set(resolve(annotationPath), { articlePath: path, annotationPath });
      else if (explicit) problems.push(fileProblem(path, 'no-annotations', `No annotation file for this article: expected ${basename(annotationPath)} beside it.`, 'warning'));
    }
  };
  for (const path of paths) visit(path, true);
  return { pairs: [...pairs.values()], problems };
}

/** Reads and anchors one article and its annotation file; problems, never exceptions, for bad input. */
export function loadArticleModel(pair: ArticlePair, parser: AnnotationFileParser): ArticleModel {
  const annotationFile = parser.parseBytes(readFileSync(pair.annotationPath), pair.annotationPath);
  let articleText = '';
  const extraProblems: Problem[] = [];
  if (existsSync(pair.articlePath)) articleText = readFileSync(pair.articlePath, 'utf8');
  else extraProblems.push(fileProblem(pair.annotationPath, 'article-missing', `The article ${pair.articlePath} does not exist.`));
  const model = buildArticleModel(parseArticle(articleText, pair.articlePath), annotationFile);
  model.problems.push(...extraProblems);
  return model;
}

function fileProblem(file: string, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, code, message, severity, start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
}

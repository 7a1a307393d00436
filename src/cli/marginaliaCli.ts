import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { applyEdits } from 'jsonc-parser';
import { anchoredPassages, selectorEdits, staleSelectors } from '../model/anchoredPassages';
import { AnnotationFileParser } from '../model/annotationFileParser';
import { findArticlePairs, loadArticleModel } from '../model/articleFiles';
import type { ArticleModel } from '../model/articleModel';
import { EXPORT_FORMATS, exportArticle, type ExportFormat } from '../model/articleExport';
import { CITATION_FORMATS, claimantOfPassage, formatCitation, type CitationFormat } from '../model/citation';
import { resolvePassage } from '../model/passageAnchor';
import { formatProblem, type Problem } from '../model/problem';

const USAGE = `Usage: marginalia <command> [options]

Commands:
  check [paths...]             Check articles and annotation files (default: current folder).
                               Exit status 1 when there are errors.
    --json                     Print a machine-readable report instead.
  refresh-anchors <file>...    Store the current quote context and position of every passage that
                               resolves, in annotation files that have no errors.
  export <article>             Export an article's annotations.
    -f, --format <format>      w3c (a W3C Web Annotation collection, JSON-LD), claimreview
                               (schema.org ClaimReview, JSON-LD), csl (CSL-JSON of every claim) or
                               html (a reading page that works offline, in one file).
    -o, --output <file>        Write to a file instead of standard output.
  cite <article>               Print a citation of a passage of the article.
    --quote <text>             The passage, as quoted (found the way annotations are anchored).
    --claim <id>               Or: the passage of a claim, with its claimant as the speaker.
    -f, --format <format>      markdown (default), text, csl-json or w3c.
  help                         Show this help.

Options:
  -h, --help                   Show this help.
  -v, --version                Show the version.
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  version: string;
}

/** Runs the CLI with arguments (without "node" and the script); returns the exit status. */
export function runCli(args: readonly string[], io: CliIo): number {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${io.version}\n`);
    return 0;
  }
  if (command === 'export') return exportAnnotations(rest, io);
  if (command === 'cite') return cite(rest, io);
  const unknownOption = rest.find((arg) => arg.startsWith('-') && arg !== '--json');
  if (unknownOption) {
    io.stderr(`marginalia: unknown option "${unknownOption}"\n\n${USAGE}`);
    return 2;
  }
  switch (command) {
    case 'check':
      return check(rest, io);
    case 'refresh-anchors':
      return refreshAnchors(rest, io);
    default:
      io.stderr(`marginalia: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

function check(args: readonly string[], io: CliIo): number {
  const json = args.includes('--json');
  const paths = args.filter((arg) => arg !== '--json').map((path) => resolve(io.cwd, path));
  const { pairs, problems: findProblems } = findArticlePairs(paths.length > 0 ? paths : [io.cwd]);
  const parser = new AnnotationFileParser();
  const models = pairs.map((pair) => loadArticleModel(pair, parser));
  const allProblems = [...findProblems, ...models.flatMap((model) => model.problems)];
  const shown = (path: string) => relative(io.cwd, path) || path;
  const display = (problem: Problem) => ({ ...problem, file: shown(problem.file) });
  const errors = allProblems.filter((p) => p.severity === 'error').length;
  const warnings = allProblems.filter((p) => p.severity === 'warning').length;

  if (json) {
    const report = {
      ok: errors === 0,
      errors,
      warnings,
      problems: findProblems.map((problem) => problemJson(display(problem))),
      articles: models.map((model) => articleJson(model, shown)),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const problem of allProblems) io.stdout(`${formatProblem(display(problem))}\n`);
    if (pairs.length === 0) io.stdout('No annotated articles found.\n');
    const summary = models.map((m) => `${m.entities.length} entities, ${m.mentions.length} mentions, ${m.claims.length} claims, ${m.notes.length} notes`);
    io.stdout(`Checked ${pairs.length} article${pairs.length === 1 ? '' : 's'}${summary.length === 1 ? ` (${summary[0]})` : ''}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`);
  }
  return errors > 0 ? 1 : 0;
}

function problemJson(problem: Problem) {
  return {
    file: problem.file,
    line: problem.start.line + 1,
    column: problem.start.column + 1,
    endLine: problem.end.line + 1,
    endColumn: problem.end.column + 1,
    severity: problem.severity,
    code: problem.code,
    message: problem.message,
  };
}

function articleJson(model: ArticleModel, shown: (path: string) => string) {
  const place = (offset: number) => {
    const at = model.article.lineIndex.locationAt(offset);
    return { line: at.line + 1, column: at.column + 1 };
  };
  return {
    article: shown(model.article.fileName),
    annotations: shown(model.annotationFile.fileName),
    metadata: model.article.metadata,
    entities: model.entities.map((entity) => ({
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      type: entity.type,
      mentions: model.mentionsByEntity.get(entity.id)?.length ?? 0,
    })),
    claims: model.claims.map(({ record, anchor }) => ({
      id: record.id,
      claimant: record.claimant,
      answers: record.answers ?? null,
      stance: record.stance ?? null,
      status: anchor.status,
      range: anchor.status === 'orphan' ? null : { start: place(anchor.start), end: place(anchor.end) },
    })),
    notes: model.notes.map(({ record, anchor }) => ({
      id: record.id,
      status: anchor.status,
      range: anchor.status === 'orphan' ? null : { start: place(anchor.start), end: place(anchor.end) },
    })),
    problems: model.problems.map((problem) => problemJson({ ...problem, file: shown(problem.file) })),
  };
}

function refreshAnchors(files: readonly string[], io: CliIo): number {
  if (files.length === 0) {
    io.stderr('marginalia refresh-anchors: name at least one annotation file or article.\n');
    return 2;
  }
  const { pairs, problems } = findArticlePairs(files.map((path) => resolve(io.cwd, path)));
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  const parser = new AnnotationFileParser();
  let status = problems.some((p) => p.severity === 'error') ? 1 : 0;
  for (const pair of pairs) {
    const model = loadArticleModel(pair, parser);
    const fileErrors = model.annotationFile.problems.filter((p) => p.severity === 'error');
    if (!model.annotationFile.annotations || fileErrors.length > 0) {
      // A file we could not read correctly is never written.
      for (const problem of fileErrors) io.stderr(`${formatProblem(problem)}\n`);
      io.stderr(`${pair.annotationPath}: not changed, fix its errors first.\n`);
      status = 1;
      continue;
    }
    const text = readFileSync(pair.annotationPath, 'utf8');
    if (text !== model.annotationFile.text) {
      io.stderr(`${pair.annotationPath}: changed while reading; not written.\n`);
      status = 1;
      continue;
    }
    const passages = anchoredPassages(model);
    const changes = staleSelectors(passages, model.article.text, model.codePoints);
    const updated = applyEdits(text, selectorEdits(text, changes));
    const changed = changes.length;
    const orphans = passages.filter((passage) => passage.anchor.status === 'orphan').length;
    if (updated !== text) writeFileSync(pair.annotationPath, updated);
    io.stdout(`${relative(io.cwd, pair.annotationPath)}: ${changed} passages refreshed${orphans ? `, ${orphans} orphaned (left as they are)` : ''}${updated === text ? ', nothing to change' : ''}.\n`);
  }
  return status;
}

/** Parses a command's options the usual way; undefined (after printing why) when they are wrong. */
function options<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(command: string, args: readonly string[], spec: T, io: CliIo) {
  try {
    return parseArgs({ args: [...args], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`marginalia ${command}: ${(error as Error).message.replace(/\. To specify.*$/s, '')}\n\n${USAGE}`);
    return undefined;
  }
}

/** The model of the one article a command names (its .md file or its annotation file); undefined after saying what is wrong. */
function oneArticle(command: string, positionals: readonly string[], io: CliIo): { model: ArticleModel; articleId: string } | undefined {
  if (positionals.length !== 1) {
    io.stderr(`marginalia ${command}: name one article (ARTICLE.md, or its .annotations.json).\n`);
    return undefined;
  }
  const { pairs, problems } = findArticlePairs([resolve(io.cwd, positionals[0])]);
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  if (pairs.length !== 1) {
    if (problems.length === 0) io.stderr(`marginalia ${command}: ${positionals[0]} is not an annotated article (no NAME.annotations.json beside it).\n`);
    return undefined;
  }
  const model = loadArticleModel(pairs[0], new AnnotationFileParser());
  if (!model.annotationFile.annotations) {
    for (const problem of model.annotationFile.problems) io.stderr(`${formatProblem(problem)}\n`);
    return undefined;
  }
  return { model, articleId: model.article.metadata.url ?? pathToFileURL(pairs[0].articlePath).href };
}


function exportAnnotations(args: readonly string[], io: CliIo): number {
  const parsed = options('export', args, { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } }, io);
  if (!parsed) return 2;
  const format = parsed.values.format;
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    io.stderr(`marginalia export: --format must be one of ${EXPORT_FORMATS.join(', ')}${format ? `, not "${format}"` : ''}.\n`);
    return 2;
  }
  const article = oneArticle('export', parsed.positionals, io);
  if (!article) return 1;
  const output = exportArticle(article.model, format as ExportFormat, article.articleId).trimEnd();
  if (parsed.values.output) {
    writeFileSync(resolve(io.cwd, parsed.values.output), `${output}\n`);
    io.stderr(`marginalia export: wrote ${parsed.values.output}\n`);
  } else {
    io.stdout(`${output}\n`);
  }
  return 0;
}

function cite(args: readonly string[], io: CliIo): number {
  const parsed = options('cite', args, { quote: { type: 'string' }, claim: { type: 'string' }, format: { type: 'string', short: 'f' } }, io);
  if (!parsed) return 2;
  const format = parsed.values.format ?? 'markdown';
  if (!(CITATION_FORMATS as readonly string[]).includes(format)) {
    io.stderr(`marginalia cite: --format must be one of ${CITATION_FORMATS.join(', ')}, not "${format}".\n`);
    return 2;
  }
  if ((parsed.values.quote === undefined) === (parsed.values.claim === undefined)) {
    io.stderr('marginalia cite: give either --quote "the passage" or --claim ID.\n');
    return 2;
  }
  const article = oneArticle('cite', parsed.positionals, io);
  if (!article) return 1;
  const { model, articleId } = article;
  let start: number;
  let end: number;
  let speaker: string | null | undefined;
  if (parsed.values.claim !== undefined) {
    const claim = model.claims.find((c) => c.record.id === parsed.values.claim);
    if (!claim) {
      io.stderr(`marginalia cite: no claim "${parsed.values.claim}" in this article.\n`);
      return 1;
    }
    if (claim.anchor.status === 'orphan') {
      io.stderr(`marginalia cite: the passage of claim "${claim.record.id}" is no longer in the article.\n`);
      return 1;
    }
    ({ start, end } = claim.anchor);
    speaker = claim.record.claimant;
  } else {
    const found = resolvePassage(model.article.text, { exact: parsed.values.quote! }, undefined, model.article.bodyStart);
    if (found.status === 'orphan') {
      io.stderr(`marginalia cite: "${parsed.values.quote}" is not in the article.\n`);
      return 1;
    }
    ({ start, end } = found);
    // A quote that is a claim's passage is cited with its claimant.
    speaker = claimantOfPassage(model, start, end);
  }
  io.stdout(formatCitation(format as CitationFormat, model, start, end, speaker, articleId));
  return 0;
}

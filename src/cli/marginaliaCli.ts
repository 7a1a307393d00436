import { mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { applyEditsInOnePass } from '../model/format/jsonFormatting';
import { anchoredPassages, selectorEdits, staleSelectors } from '../model/article/anchoredPassages';
import { AnnotationFileParser } from '../model/format/annotationFileParser';
import { describeFileError, findArticlePairs, loadArticleModel, loadCorpus, Registries, type ArticlePair } from './articleFiles';
import { writeFileAtomically } from './atomicWrite';
import type { ArticleModel } from '../model/article/articleModel';
import { EXPORT_FILES, EXPORT_FORMATS, exportArticle, type ExportFormat } from '../model/output/articleExport';
import { parseArticle } from '../model/article/articleParser';
import { CITATION_FORMATS, formatCitation, type CitationFormat } from '../model/output/citation';
import { articleIris, type ArticleIris } from '../model/output/w3cExport';
import { claimantOfPassage } from '../model/article/modelQueries';
import { resolvePassage } from '../model/anchoring/passageAnchor';
import { formatProblem, hasErrors, problemWith, type Problem } from '../model/format/problem';
import { readBlocksInSteps } from '../model/article/readingMatches';
import { finishNow } from '../model/text/resumableWork';
import { visibleLine, visibleLines } from '../model/text/visibleText';
import { suggestionsFor } from '../model/suggestions/articleSuggestions';
import { entitiesKnownElsewhere } from '../model/suggestions/entitiesKnownElsewhere';
import { loadPhraseTagger } from '../model/suggestions/phraseTagger';
import { SUGGESTION_KINDS, type SuggestionKind } from '../model/suggestions/suggestion';
import { annotationPathForArticle, defaultArticlePathForAnnotations, isAnnotationFileName, isArticleFileName } from '../model/format/articlePaths';

const USAGE = `Usage: marginalia <command> [options]

Commands:
  check [paths...]             Check articles and annotation files (default: current folder).
                               Exit status 1 when there are errors.
    --json                     Print a machine-readable report instead.
  index [paths...]             Print the corpus: its articles, the entities with their mentions in
                               each article, the claims by claimant, and the answers across articles
                               (default: current folder).
    --json                     Print it as JSON instead.
  refresh-anchors <file>...    Store the current quote context and position of every passage that
                               resolves, in annotation files that have no errors (written whole or
                               not at all).
  export <article|folder>...   Export the annotations of an article, or of every article in folders.
                               Several articles: the JSON formats print one JSON array (a collection,
                               review or item per entry); with -o a folder, each article is written
                               to its own file there (NAME.w3c.jsonld, .claimreview.jsonld, .csl.json
                               or .html), in the same subfolders as the articles.
    -f, --format <format>      w3c (a W3C Web Annotation collection, JSON-LD), claimreview
                               (schema.org ClaimReview, JSON-LD), csl (CSL-JSON of every claim) or
                               html (a reading page that works offline, in one file).
    -o, --output <file>        Write to a file (or, for several articles, a folder) instead of
                               standard output (never onto an article or its annotation file).
    --force                    Replace the output file if it exists.
    --partial                  Export even if the annotation file has errors (entries with errors
                               are left out, and listed).
  suggest <article>            Print what the article names and claims that its annotation file does
                               not have yet: entities, aliases of its entities, places where a name
                               names something else, and claims (the article may have no annotation
                               file yet). Rejected suggestions are left out. A name another article
                               or a registry of the corpus defines takes its kind and type.
    --corpus <folder>          The corpus whose other articles are read for that (default: the
                               article's folder).
    --json                     Print them as JSON instead.
  cite <article>               Print a citation of a passage of the article.
    --quote <text>             The passage, as quoted (found the way annotations are anchored).
    --claim <id>               Or: the passage of a claim, with its claimant as the speaker.
    -f, --format <format>      markdown (default), text, csl-json or w3c.
  help                         Show this help.

Options:
  -h, --help                   Show this help.
  -v, --version                Show the version.
  --                           Everything after it is a file name, even if it starts with "-".

Exit status: 0 done, 1 problems in the files (or a file could not be read or written), 2 wrong usage.
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  version: string;
}

/**
 * Runs the CLI with arguments (without "node" and the script); returns the exit status, or a promise
 * of it for a command that loads a library first (suggest).
 */
export function runCli(args: readonly string[], io: CliIo): number | Promise<number> {
  // Every expected failure is reported where it happens; this is the net under that promise.
  const internalError = (error: unknown) => {
    io.stderr(`marginalia: internal error: ${visibleLine(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  };
  try {
    const status = runCommand(args, io);
    return typeof status === 'number' ? status : status.catch(internalError);
  } catch (error) {
    return internalError(error);
  }
}

function runCommand(args: readonly string[], io: CliIo): number | Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${io.version}\n`);
    return 0;
  }
  switch (command) {
    case 'check':
      return check(rest, io);
    case 'index':
      return printIndex(rest, io);
    case 'refresh-anchors':
      return refreshAnchors(rest, io);
    case 'export':
      return exportAnnotations(rest, io);
    case 'cite':
      return cite(rest, io);
    case 'suggest':
      return suggest(rest, io);
    default:
      io.stderr(`marginalia: unknown command "${visibleLine(command)}"\n\n${USAGE}`);
      return 2;
  }
}

function check(args: readonly string[], io: CliIo): number {
  const parsed = options('check', args, { json: { type: 'boolean' } }, io);
  if (!parsed) return 2;
  const json = parsed.values.json === true;
  const paths = parsed.positionals.map((path) => resolve(io.cwd, path));
  const { pairs, problems: findProblems } = findArticlePairs(paths.length > 0 ? paths : [io.cwd]);
  const parser = new AnnotationFileParser();
  const registries = new Registries(parser);
  const { models, corpusProblems } = loadCorpus(pairs, parser, registries);
  // A reference to another article is a problem of the annotation file that makes it.
  for (const model of models) model.problems.push(...corpusProblems.filter((problem) => problem.file === model.annotationFile.fileName));
  const registryProblems = registries.problems();
  const allProblems = [...findProblems, ...registryProblems, ...models.flatMap((model) => model.problems)];
  const shown = (path: string) => relative(io.cwd, path) || path;
  const display = (problem: Problem) => problemWith(problem, { file: shown(problem.file) });
  const errors = allProblems.filter((p) => p.severity === 'error').length;
  const warnings = allProblems.filter((p) => p.severity === 'warning').length;

  if (json) {
    const report = {
      ok: errors === 0,
      errors,
      warnings,
      problems: [...findProblems, ...registryProblems].map((problem) => problemJson(display(problem))),
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

/** The corpus of the given folders and articles, as text for people or JSON for tools. */
function printIndex(args: readonly string[], io: CliIo): number {
  const parsed = options('index', args, { json: { type: 'boolean' } }, io);
  if (!parsed) return 2;
  const paths = parsed.positionals.map((path) => resolve(io.cwd, path));
  const { pairs, problems: findProblems } = findArticlePairs(paths.length > 0 ? paths : [io.cwd]);
  for (const problem of findProblems) io.stderr(`${formatProblem(problem)}\n`);
  const { corpus, corpusProblems } = loadCorpus(pairs, new AnnotationFileParser());
  const shown = (path: string) => relative(io.cwd, path) || path;
  const articles = corpus.all();
  const entities = corpus.entities();
  const claims = articles.flatMap((article) => article.claims.map((claim) => ({ article, claim })));
  const byClaimant = new Map<string | null, typeof claims>();
  for (const item of claims) byClaimant.set(item.claim.claimant, [...(byClaimant.get(item.claim.claimant) ?? []), item]);
  const claimantName = (id: string | null) => (id === null ? 'unattributed' : corpus.entity(id)?.name ?? id);
  const claimants = [...byClaimant.keys()].sort((a, b) => claimantName(a).localeCompare(claimantName(b)));
  const answers = claims.flatMap(({ article, claim }) => {
    const answered = claim.answers?.article !== undefined ? corpus.answered(article, claim) : undefined;
    return answered ? [{ from: { article, claim }, to: answered }] : [];
  });
  const claimRef = (item: { article: { key: string }; claim: { id: string } }) => `${shown(item.article.key)}#${item.claim.id}`;
  if (parsed.values.json === true) {
    const report = {
      articles: articles.map((article) => ({ article: shown(article.key), annotations: shown(article.annotationKey), title: article.title, claims: article.claims.length })),
      entities: entities.map(({ entity, mentions }) => ({
        id: entity.id,
        name: entity.name,
        kind: entity.kind,
        type: entity.type,
        definedIn: shown(entity.definedIn),
        mentions: Object.fromEntries(mentions.map(({ article, count }) => [shown(article.key), count])),
      })),
      claimants: claimants.map((id) => ({
        claimant: id,
        name: claimantName(id),
        claims: byClaimant.get(id)!.map((item) => ({ article: shown(item.article.key), id: item.claim.id, summary: item.claim.summary, answers: item.claim.answers ? item.claim.answers.article === undefined ? item.claim.answers.claimId : `${item.claim.answers.article}#${item.claim.answers.claimId}` : null, stance: item.claim.stance ?? null })),
      })),
      answersAcrossArticles: answers.map(({ from, to }) => ({ from: claimRef(from), stance: from.claim.stance ?? null, answers: claimRef(to) })),
      problems: corpusProblems.map((problem) => problemJson(problemWith(problem, { file: shown(problem.file) }))),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines: string[] = [];
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    lines.push(`${count(articles.length, 'article')}, ${count(entities.length, 'entity').replace('entitys', 'entities')}, ${count(claims.length, 'claim')}, ${count(answers.length, 'answer')} across articles.`);
    lines.push('', 'Articles');
    for (const article of articles) lines.push(`  ${shown(article.key)}  “${article.title}”, ${count(article.claims.length, 'claim')}`);
    lines.push('', 'Entities, with their mentions in each article');
    for (const { entity, mentions } of entities) {
      const total = mentions.reduce((sum, m) => sum + m.count, 0);
      const where = mentions.map((m) => `${shown(m.article.key)} ${m.count}`).join(', ');
      lines.push(`  ${entity.name} (${entity.kind}, ${entity.type}${entity.shared ? ', registry' : ''}): ${total}${where ? ` (${where})` : ''}`);
    }
    lines.push('', 'Claims by claimant');
    for (const id of claimants) {
      lines.push(`  ${claimantName(id)}`);
      for (const item of byClaimant.get(id)!) lines.push(`    ${claimRef(item)}  “${item.claim.summary}”`);
    }
    lines.push('', 'Answers across articles');
    if (answers.length === 0) lines.push('  none');
    for (const { from, to } of answers) lines.push(`  ${claimRef(from)} ${from.claim.stance ?? 'answers'} ${claimRef(to)}  (“${from.claim.summary}” ${from.claim.stance ?? 'answers'} “${to.claim.summary}”)`);
    for (const problem of corpusProblems) lines.push(formatProblem(problemWith(problem, { file: shown(problem.file) })));
    io.stdout(visibleLines(`${lines.join('\n')}\n`));
  }
  return hasErrors([...findProblems, ...corpusProblems]) ? 1 : 0;
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
    const at = model.article.source.lineIndex.locationAt(offset);
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
    problems: model.problems.map((problem) => problemJson(problemWith(problem, { file: shown(problem.file) }))),
  };
}

function refreshAnchors(args: readonly string[], io: CliIo): number {
  const parsed = options('refresh-anchors', args, {}, io);
  if (!parsed) return 2;
  const files = parsed.positionals;
  if (files.length === 0) {
    io.stderr('marginalia refresh-anchors: name at least one annotation file or article.\n');
    return 2;
  }
  const { pairs, problems } = findArticlePairs(files.map((path) => resolve(io.cwd, path)));
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  const parser = new AnnotationFileParser();
  let status = hasErrors(problems) ? 1 : 0;
  for (const pair of pairs) {
    const shownPath = visibleLine(relative(io.cwd, pair.annotationPath) || pair.annotationPath);
    const model = loadArticleModel(pair, parser);
    const fileErrors = model.problems.filter((p) => p.severity === 'error' && p.file === pair.annotationPath && p.code !== 'quote-not-found');
    if (!model.annotationFile.annotations || fileErrors.length > 0) {
      // A file we could not read correctly is never written.
      for (const problem of fileErrors) io.stderr(`${formatProblem(problem)}\n`);
      io.stderr(`${shownPath}: not changed, fix its errors first.\n`);
      status = 1;
      continue;
    }
    // Front matter errors concern the metadata, not the text passages are anchored on: only an article
    // that is missing or not UTF-8 (read with replacement characters) cannot be anchored on.
    if (model.problems.some((p) => p.code === 'article-missing' || (p.code === 'not-utf8' && p.file === pair.articlePath))) {
      for (const problem of model.problems.filter((p) => p.file === pair.articlePath && p.severity === 'error')) io.stderr(`${formatProblem(problem)}\n`);
      io.stderr(`${shownPath}: not changed: its article could not be read whole.\n`);
      status = 1;
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(pair.annotationPath);
    } catch (error) {
      io.stderr(`${shownPath}: ${describeFileError(error, 'read')}\n`);
      status = 1;
      continue;
    }
    // Compared as the parser decoded it (a byte-order mark dropped), and written back with it.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const text = new TextDecoder('utf-8').decode(bytes);
    if (text !== model.annotationFile.text) {
      io.stderr(`${shownPath}: changed while reading; not written.\n`);
      status = 1;
      continue;
    }
    const passages = anchoredPassages(model);
    const changes = staleSelectors(passages, model.article.source);
    const updated = applyEditsInOnePass(text, selectorEdits(text, changes));
    const orphans = passages.filter((passage) => passage.anchor.status === 'orphan').length;
    if (updated !== text) {
      try {
        writeFileAtomically(pair.annotationPath, bom ? `\ufeff${updated}` : updated);
      } catch (error) {
        io.stderr(`${shownPath}: not written: ${describeFileError(error, 'write')} The file is as it was.\n`);
        status = 1;
        continue;
      }
    }
    io.stdout(`${shownPath}: ${changes.length} passages refreshed${orphans ? `, ${orphans} orphaned (left as they are)` : ''}${updated === text ? ', nothing to change' : ''}.\n`);
  }
  return status;
}

/** Parses a command's options the usual way; undefined (after printing why) when they are wrong. */
function options<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(command: string, args: readonly string[], spec: T, io: CliIo) {
  try {
    return parseArgs({ args: [...args], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify.*$/s, '').replace(/^Unknown option '(.*)'$/, 'unknown option "$1"');
    io.stderr(`marginalia ${command}: ${visibleLine(message)}\n\n${USAGE}`);
    return undefined;
  }
}

/** Suggestions for one article, its annotation file or none yet: as text for people, or JSON for tools. */
async function suggest(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = options('suggest', args, { json: { type: 'boolean' }, corpus: { type: 'string' } }, io);
  if (!parsed) return 2;
  if (parsed.positionals.length !== 1) {
    io.stderr('marginalia suggest: name one article (ARTICLE.md, or its .annotations.json).\n');
    return 2;
  }
  const named = resolve(io.cwd, parsed.positionals[0]);
  const articlePath = isAnnotationFileName(named) ? defaultArticlePathForAnnotations(named) : named;
  if (!isArticleFileName(articlePath)) {
    io.stderr(`marginalia suggest: ${visibleLine(parsed.positionals[0])} is not a Markdown article (.md).\n`);
    return 2;
  }
  const parser = new AnnotationFileParser();
  const registries = new Registries(parser);
  const model = loadArticleModel({ articlePath, annotationPath: annotationPathForArticle(articlePath) }, parser, undefined, registries, { blankWhenMissing: true });
  const unreadable = model.problems.filter((problem) => problem.code === 'article-missing' || problem.code === 'unreadable');
  if (!model.annotationFile.annotations || unreadable.length > 0) {
    // Nothing is suggested for an annotation file that does not parse: what could be offered is unknown.
    for (const problem of [...unreadable, ...model.annotationFile.problems.filter((p) => p.severity === 'error')]) io.stderr(`${formatProblem(problemWith(problem, { file: relative(io.cwd, problem.file) || problem.file }))}\n`);
    io.stderr(`marginalia suggest: nothing suggested for ${visibleLine(relative(io.cwd, articlePath))}.\n`);
    return 1;
  }
  // The other articles of the corpus, and their registries, say what kind of thing a name is (as in the editor).
  const corpusFolder = typeof parsed.values.corpus === 'string' ? resolve(io.cwd, parsed.values.corpus) : dirname(articlePath);
  const found = findArticlePairs([corpusFolder]);
  for (const problem of found.problems) io.stderr(`${formatProblem(problemWith(problem, { file: relative(io.cwd, problem.file) || problem.file }))}\n`);
  const others = found.pairs.filter((pair) => resolve(pair.articlePath) !== resolve(articlePath));
  const { corpus } = loadCorpus(others, parser, registries);
  const { suggestions, notLookedFor } = suggestionsFor(model, { tagger: await loadPhraseTagger(), knownElsewhere: entitiesKnownElsewhere(corpus, articlePath) });
  if (notLookedFor) io.stderr(`marginalia suggest: ${notLookedFor}\n`);
  const where = (offset: number) => {
    const { line, column } = model.article.source.lineIndex.locationAt(offset);
    return { line: line + 1, column: column + 1 };
  };
  const placed = (span: { start: number; end: number }) => ({ ...where(span.start), text: model.article.source.text.slice(span.start, span.end) });
  const shown = relative(io.cwd, articlePath) || articlePath;
  if (parsed.values.json === true) {
    const json = suggestions.map((suggestion) => {
      const { key: _key, ...rest } = suggestion;
      void _key;
      switch (rest.kind) {
        case 'entity':
        case 'alias':
          return { ...rest, occurrences: rest.occurrences.map(placed) };
        case 'exclusion':
          return { ...rest, occurrence: placed(rest.occurrence) };
        case 'claim':
          return { ...rest, passage: placed(rest.passage) };
      }
    });
    io.stdout(`${JSON.stringify({ article: shown, suggestions: json }, null, 2)}\n`);
    return 0;
  }
  const counts = SUGGESTION_KINDS.map((kind) => [kind, suggestions.filter((suggestion) => suggestion.kind === kind).length] as const);
  io.stdout(`${shown}: ${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'} (${counts.map(([kind, count]) => `${count} ${SUGGESTION_HEADINGS[kind].toLowerCase()}`).join(', ')})\n`);
  const entityName = (id: string) => model.entityById.get(id)?.name ?? id;
  for (const [kind, count] of counts) {
    if (count === 0) continue;
    io.stdout(`\n${SUGGESTION_HEADINGS[kind]}\n`);
    for (const suggestion of suggestions) {
      if (suggestion.kind !== kind) continue;
      const at = (span: { start: number }) => { const { line, column } = where(span.start); return `${shown}:${line}:${column}`; };
      switch (suggestion.kind) {
        case 'entity':
          io.stdout(`  ${at(suggestion.occurrences[0])}  ${visibleLine(suggestion.name)} (${suggestion.entityKind}, ${suggestion.type}${suggestion.aliases.length > 0 ? `; also ${suggestion.aliases.map(visibleLine).join(', ')}` : ''}): ${suggestion.occurrences.length}×, ${suggestion.why}\n`);
          break;
        case 'alias':
          io.stdout(`  ${at(suggestion.occurrences[0])}  "${visibleLine(suggestion.alias)}" for ${visibleLine(entityName(suggestion.entityId))}: ${suggestion.occurrences.length}×, ${suggestion.why}\n`);
          break;
        case 'exclusion':
          io.stdout(`  ${at(suggestion.occurrence)}  not ${visibleLine(entityName(suggestion.entityId))} here: ${suggestion.why}\n`);
          break;
        case 'claim': {
          const answer = suggestion.answers ? `, answering ${suggestion.answers} (${suggestion.stance})` : suggestion.answersSuggestion ? `, answering an earlier suggestion (${suggestion.stance})` : '';
          io.stdout(`  ${at(suggestion.passage)}  ${visibleLine(suggestion.claimantName ?? 'someone')}: "${visibleLine(suggestion.summary)}" (${suggestion.why}${answer})\n`);
          break;
        }
      }
    }
  }
  return 0;
}

const SUGGESTION_HEADINGS: Record<SuggestionKind, string> = { entity: 'Entities', alias: 'Aliases', exclusion: 'Exclusions', claim: 'Claims' };

/** The model of the one article a command names (its .md file or its annotation file); a status after saying what is wrong. */
function oneArticle(command: string, positionals: readonly string[], io: CliIo, partial = false): PreparedArticle | number {
  if (positionals.length !== 1) {
    io.stderr(`marginalia ${command}: name one article (ARTICLE.md, or its .annotations.json).\n`);
    return 2;
  }
  const { pairs, problems } = findArticlePairs([resolve(io.cwd, positionals[0])]);
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  if (pairs.length !== 1) {
    if (problems.length === 0) io.stderr(`marginalia ${command}: ${visibleLine(positionals[0])} is not an annotated article (no NAME.annotations.json beside it).\n`);
    return 1;
  }
  return prepareArticle(command, pairs[0], io, partial);
}

interface PreparedArticle {
  model: ArticleModel;
  iris: ArticleIris;
  inputs: string[];
  pair: ArticlePair;
}

/** An article read for export or citation: its model and IRIs; a status after saying what is wrong. */
function prepareArticle(command: string, pair: ArticlePair, io: CliIo, partial: boolean, registries?: Registries): PreparedArticle | number {
  const parser = new AnnotationFileParser();
  const model = loadArticleModel(pair, parser, undefined, registries ?? new Registries(parser));
  const fileErrors = model.annotationFile.problems.filter((problem) => problem.severity === 'error');
  if (!model.annotationFile.annotations) {
    for (const problem of model.annotationFile.problems) io.stderr(`${formatProblem(problem)}\n`);
    return 1;
  }
  // Entries with errors are left out of the model: say so, rather than export less in silence.
  const dropped = fileErrors.filter((problem) => problem.code === 'schema');
  if (dropped.length > 0 && !partial) {
    for (const problem of fileErrors) io.stderr(`${formatProblem(problem)}\n`);
    io.stderr(`marginalia ${command}: ${visibleLine(relative(io.cwd, pair.annotationPath))} has errors, and entries with errors would be left out; fix them, or pass --partial.\n`);
    return 1;
  }
  for (const problem of dropped) io.stderr(`${formatProblem(problemWith(problem, { severity: 'warning', message: `Left out: ${problem.message}` }))}\n`);
  // What cannot be exported safely (a url that is not http or https) is left out, with a warning.
  for (const problem of model.article.problems.filter((p) => p.severity === 'error')) io.stderr(`${formatProblem(problemWith(problem, { severity: 'warning' }))}\n`);
  for (const problem of model.problems.filter((p) => p.code === 'not-utf8' || p.code === 'article-missing')) io.stderr(`${formatProblem(problem)}\n`);
  // Another article a claim answers is named by its published page, from its front matter, when it has one.
  const otherArticle = (relativePath: string) => {
    try {
      return parseArticle(readFileSync(resolve(dirname(pair.annotationPath), relativePath), 'utf8'), relativePath).metadata.url;
    } catch {
      return undefined;
    }
  };
  return { model, iris: articleIris(model, pathToFileURL(pair.articlePath).href, otherArticle), inputs: [pair.articlePath, pair.annotationPath], pair };
}

/** Why an output path may not be written, or undefined if it may. */
function refusedOutput(output: string, inputs: readonly string[], force: boolean): string | undefined {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  let stats;
  try {
    stats = statSync(output);
  } catch {
    stats = undefined;
  }
  if (stats?.isDirectory()) return `${visibleLine(output)} is a folder; name a file in it.`;
  if (stats && inputs.some((input) => real(input) === real(output))) return `${visibleLine(output)} is an input of this export; it is never overwritten.`;
  if (stats && !force) return `${visibleLine(output)} exists; pass --force to replace it.`;
  try {
    if (!statSync(dirname(output)).isDirectory()) return `${visibleLine(dirname(output))} is not a folder.`;
  } catch {
    return `the folder ${visibleLine(dirname(output))} does not exist.`;
  }
  return undefined;
}

function exportAnnotations(args: readonly string[], io: CliIo): number {
  const parsed = options(
    'export',
    args,
    { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, partial: { type: 'boolean' } },
    io,
  );
  if (!parsed) return 2;
  const format = parsed.values.format;
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    io.stderr(`marginalia export: --format must be one of ${EXPORT_FORMATS.join(', ')}${format ? `, not "${visibleLine(format)}"` : ''}.\n`);
    return 2;
  }
  const paths = parsed.positionals.map((path) => resolve(io.cwd, path));
  const several = paths.length > 1 || paths.some(isFolder);
  if (several) return exportSeveral(paths, format as ExportFormat, parsed.values.output, parsed.values.force === true, parsed.values.partial === true, io);
  const article = oneArticle('export', parsed.positionals, io, parsed.values.partial === true);
  if (typeof article === 'number') return article;
  const outputPath = parsed.values.output === undefined ? undefined : resolve(io.cwd, parsed.values.output);
  if (outputPath !== undefined) {
    const refusal = refusedOutput(outputPath, article.inputs, parsed.values.force === true);
    if (refusal) {
      io.stderr(`marginalia export: not written: ${refusal}\n`);
      return 1;
    }
  }
  const output = exportArticle(article.model, format as ExportFormat, article.iris).trimEnd();
  if (outputPath !== undefined) {
    try {
      writeFileAtomically(outputPath, `${output}\n`);
    } catch (error) {
      io.stderr(`marginalia export: ${visibleLine(parsed.values.output!)} not written: ${describeFileError(error, 'write')}\n`);
      return 1;
    }
    io.stderr(`marginalia export: wrote ${visibleLine(parsed.values.output!)}\n`);
  } else {
    io.stdout(`${output}\n`);
  }
  return 0;
}

/**
 * The export of several articles (folders, or more than one file): one JSON array on standard output,
 * or, with -o a folder, a file per article there. Nothing is written when an article cannot be read
 * whole (without --partial) or an output would replace an input or an existing file (without --force).
 */
function exportSeveral(paths: readonly string[], format: ExportFormat, output: string | undefined, force: boolean, partial: boolean, io: CliIo): number {
  const { pairs, problems } = findArticlePairs(paths);
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  if (hasErrors(problems)) return 1;
  if (pairs.length === 0) {
    io.stderr('marginalia export: no annotated articles found.\n');
    return 1;
  }
  const parser = new AnnotationFileParser();
  const registries = new Registries(parser);
  const articles: PreparedArticle[] = [];
  for (const pair of pairs.sort((a, b) => (a.articlePath < b.articlePath ? -1 : 1))) {
    const article = prepareArticle('export', pair, io, partial, registries);
    if (typeof article === 'number') return article;
    articles.push(article);
  }
  if (output === undefined) {
    if (format === 'html') {
      io.stderr('marginalia export: reading pages of several articles are written to a folder: pass -o FOLDER.\n');
      return 2;
    }
    // One JSON array: a collection per article for w3c, every review or item for the others.
    const entries = articles.flatMap(({ model, iris }) => {
      const value = JSON.parse(exportArticle(model, format, iris)) as unknown;
      return format === 'w3c' || !Array.isArray(value) ? [value] : value;
    });
    io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const folder = resolve(io.cwd, output);
  if (!isFolder(folder)) {
    io.stderr(`marginalia export: not written: ${visibleLine(output)} is not a folder; several articles are written to a folder.\n`);
    return 1;
  }
  // Each article's file, in the subfolders it has under the common folder of the inputs.
  const root = commonFolder(articles.map(({ pair }) => dirname(pair.articlePath)));
  const targets = articles.map(({ pair }) => join(folder, relative(root, dirname(pair.articlePath)), `${basename(pair.articlePath).replace(/\.(md|markdown)$/i, '')}.${EXPORT_FILES[format].extension}`));
  const inputs = articles.flatMap((article) => article.inputs);
  for (const target of targets) {
    // A subfolder to be made holds nothing to protect.
    const refusal = isFolder(dirname(target)) ? refusedOutput(target, inputs, force) : undefined;
    if (refusal) {
      io.stderr(`marginalia export: nothing written: ${refusal}\n`);
      return 1;
    }
  }
  for (const [k, { model, iris }] of articles.entries()) {
    try {
      mkdirSync(dirname(targets[k]), { recursive: true });
      writeFileAtomically(targets[k], `${exportArticle(model, format, iris).trimEnd()}\n`);
    } catch (error) {
      io.stderr(`marginalia export: ${visibleLine(relative(io.cwd, targets[k]))} not written: ${describeFileError(error, 'write')}\n`);
      return 1;
    }
  }
  io.stderr(`marginalia export: wrote ${targets.length} file${targets.length === 1 ? '' : 's'} in ${visibleLine(output)}\n`);
  return 0;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The deepest folder that holds all of `folders`. */
function commonFolder(folders: readonly string[]): string {
  let common = folders[0];
  for (const folder of folders) while (relative(common, folder).startsWith('..')) common = dirname(common);
  return common;
}

function cite(args: readonly string[], io: CliIo): number {
  const parsed = options('cite', args, { quote: { type: 'string' }, claim: { type: 'string' }, format: { type: 'string', short: 'f' } }, io);
  if (!parsed) return 2;
  const format = parsed.values.format ?? 'markdown';
  if (!(CITATION_FORMATS as readonly string[]).includes(format)) {
    io.stderr(`marginalia cite: --format must be one of ${CITATION_FORMATS.join(', ')}, not "${visibleLine(format)}".\n`);
    return 2;
  }
  if ((parsed.values.quote === undefined) === (parsed.values.claim === undefined)) {
    io.stderr('marginalia cite: give either --quote "the passage" or --claim ID.\n');
    return 2;
  }
  const article = oneArticle('cite', parsed.positionals, io, true);
  if (typeof article === 'number') return article;
  const { model, iris } = article;
  let start: number;
  let end: number;
  let speaker: string | null | undefined;
  if (parsed.values.claim !== undefined) {
    const claim = model.claims.find((c) => c.record.id === parsed.values.claim);
    if (!claim) {
      io.stderr(`marginalia cite: no claim "${visibleLine(parsed.values.claim!)}" in this article.\n`);
      return 1;
    }
    if (claim.anchor.status === 'orphan') {
      io.stderr(`marginalia cite: the passage of claim "${visibleLine(claim.record.id)}" is no longer in the article.\n`);
      return 1;
    }
    ({ start, end } = claim.anchor);
    speaker = claim.record.claimant;
  } else {
    const quote = parsed.values.quote!;
    const { text } = model.article.source;
    // A quote typed from the source, or copied from what a reader sees (the preview, the published page).
    const read = text.includes(quote) ? undefined : finishNow(readBlocksInSteps(undefined, text, model.blocks.all(), [quote])).quotes.get(quote)?.[0];
    const found = read ? { status: 'exact' as const, ...read } : resolvePassage(text, { exact: quote }, undefined, model.article.bodyStart);
    if (found.status === 'orphan') {
      io.stderr(`marginalia cite: "${visibleLine(parsed.values.quote!)}" is not in the article.\n`);
      return 1;
    }
    ({ start, end } = found);
    // A quote that is a claim's passage is cited with its claimant.
    speaker = claimantOfPassage(model, start, end);
  }
  // Citations quote the article: control characters in it are shown, not sent to the terminal.
  io.stdout(visibleLines(formatCitation(format as CitationFormat, model, start, end, speaker, iris)));
  return 0;
}

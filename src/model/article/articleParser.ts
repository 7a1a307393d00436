import * as l10n from '@vscode/l10n';
import { isMap, isScalar, parseDocument } from 'yaml';
import { httpUrl } from '../text/httpUrl';
import { simpleFrontMatter } from './simpleFrontMatter';
import { ArticleText } from '../anchoring/articleText';
import { internalErrorProblem, type Problem } from '../format/problem';

/** The article's own metadata, from its YAML front matter. */
export interface ArticleMetadata {
  title?: string;
  publisher?: string;
  authors: string[];
  /** ISO date, as written in the front matter. */
  published?: string;
  url?: string;
}

export interface ParsedArticle {
  fileName: string;
  /** The Markdown source, with its indexes. */
  source: ArticleText;
  metadata: ArticleMetadata;
  /** UTF-16 offset where the Markdown body starts, after the front matter. */
  bodyStart: number;
  problems: Problem[];
}

/** Front matter holds a few fields; more than this is not metadata, and would be slow to parse on every edit. */
export const MAX_FRONT_MATTER_LENGTH = 16_384;
const METADATA_KEYS = new Set(['title', 'publisher', 'url', 'published', 'authors', 'author']);

const FRONT_MATTER = /^(?:\ufeff)?---[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Reads the front matter of a Markdown article; never throws. */
export function parseArticle(text: string, fileName: string): ParsedArticle {
  try {
    return parseFrontMatter(text, fileName);
  } catch (error) {
    // The net under "never throws": the article is read without its metadata, and that is said.
    return { fileName, source: new ArticleText(text), metadata: { authors: [] }, bodyStart: 0, problems: [internalErrorProblem(fileName, error, l10n.t('The front matter could not be read'))] };
  }
}

function parseFrontMatter(text: string, fileName: string): ParsedArticle {
  const source = new ArticleText(text);
  const problems: Problem[] = [];
  const metadata: ArticleMetadata = { authors: [] };
  const report = (severity: Problem['severity'], code: string, message: string, start: number, end: number) =>
    problems.push({ file: fileName, severity, code, message, start: source.lineIndex.locationAt(start), end: source.lineIndex.locationAt(end) });

  const match = FRONT_MATTER.exec(text);
  if (!match || match.index !== 0) {
    report('warning', 'no-front-matter', l10n.t('The article has no YAML front matter (---) with its title, publisher, authors, published date and url; citations will lack them.'), 0, 0);
    return { fileName, source, metadata, bodyStart: 0, problems };
  }
  const yamlStart = match[0].indexOf(match[1]);
  if (match[1].length > MAX_FRONT_MATTER_LENGTH) {
    report('error', 'front-matter-size', l10n.t('The front matter is {0} characters long; at most {1} are read (title, publisher, authors, published, url). It was not read.', match[1].length, MAX_FRONT_MATTER_LENGTH), 0, 3);
    return { fileName, source, metadata, bodyStart: match[0].length, problems };
  }
  const read: YamlRead = simpleFrontMatter(match[1]) ?? readYaml(match[1], yamlStart, report);
  const { data, unreadable } = read;
  const where = (key: string): [number, number] => {
    const range = read.ranges.get(key);
    return range ? [yamlStart + range[0], yamlStart + range[1]] : [yamlStart, yamlStart];
  };
  if (data !== undefined && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const fields = data as Record<string, unknown>;
    const text = (key: keyof ArticleMetadata & string) => {
      const value = fields[key];
      if (value === undefined) return undefined;
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      report('error', 'front-matter-field', l10n.t('"{0}" must be text.', key), ...where(key));
      return undefined;
    };
    metadata.title = text('title');
    metadata.publisher = text('publisher');
    metadata.url = text('url');
    metadata.published = text('published');
    const authors = fields.authors ?? fields.author;
    if (typeof authors === 'string') metadata.authors = [authors];
    else if (Array.isArray(authors) && authors.every((a) => typeof a === 'string')) metadata.authors = authors as string[];
    else if (authors !== undefined) report('error', 'front-matter-field', l10n.t('"authors" must be a list of names.'), ...where('authors'));
    if (metadata.published !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(metadata.published)) {
      report('error', 'front-matter-field', l10n.t('"published" must be a date such as 2022-09-16, not "{0}".', metadata.published), ...where('published'));
    }
    if (metadata.url !== undefined) {
      // Only an http(s) address that parses is kept: it goes into links, citations and exports.
      const url = httpUrl(metadata.url);
      if (url === undefined) report('error', 'front-matter-field', l10n.t('"url" must be an http or https address; it is left out of citations and exports.'), ...where('url'));
      metadata.url = url;
    }
    if (metadata.title === undefined) report('warning', 'front-matter-field', l10n.t('The front matter has no "title".'), 0, 3);
  } else if (!unreadable) {
    report('error', 'front-matter-yaml', l10n.t('Front matter must be a YAML mapping (key: value lines).'), yamlStart, yamlStart + match[1].length);
  }
  return { fileName, source, metadata, bodyStart: match[0].length, problems };
}

/** Front matter as read: its data (undefined when it could not be read), and where each top-level value is in the YAML. */
interface YamlRead {
  data: unknown;
  unreadable?: boolean;
  ranges: { get(key: string): [number, number] | undefined };
}

/** Front matter as yaml reads it, with its errors reported. */
function readYaml(yaml: string, yamlStart: number, report: (severity: Problem['severity'], code: string, message: string, start: number, end: number) => void): YamlRead {
  // uniqueKeys: yaml's own check is quadratic in the number of keys; the keys read here are checked below.
  const document = parseDocument(yaml, { prettyErrors: false, uniqueKeys: false });
  for (const error of document.errors) {
    report('error', 'front-matter-yaml', l10n.t('Front matter is not valid YAML: {0}', error.message.split('\n')[0]), yamlStart + error.pos[0], yamlStart + error.pos[1]);
  }
  let data: unknown;
  let unreadable = document.errors.length > 0;
  if (!unreadable) {
    try {
      data = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // yaml refuses aliases that expand too much (a "billion laughs"): say so where the front matter is.
      report('error', 'front-matter-yaml', l10n.t('Front matter could not be read: {0}', (error as Error).message.split('\n')[0]), yamlStart, yamlStart + yaml.length);
      unreadable = true;
    }
  }
  if (isMap(document.contents)) {
    const seen = new Set<unknown>();
    for (const pair of document.contents.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (!METADATA_KEYS.has(key as string)) continue;
      if (seen.has(key)) {
        const range = (pair.key as { range?: [number, number, number] }).range;
        report('error', 'front-matter-yaml', l10n.t('"{0}" appears twice in the front matter; only one is read.', String(key)), yamlStart + (range?.[0] ?? 0), yamlStart + (range?.[1] ?? 0));
      }
      seen.add(key);
    }
  }
  const ranges = {
    get: (key: string): [number, number] | undefined => {
      const range = (document.get(key, true) as { range?: [number, number, number] } | undefined)?.range;
      return range && [range[0], range[1]];
    },
  };
  return { data, unreadable, ranges };
}

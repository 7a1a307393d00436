import { AliasMatcher, type AliasPattern } from './aliasMatcher';
import { rangeInAnnotationFile, type ParsedAnnotationFile } from './annotationFileParser';
import type { ClaimRecord, EntityRecord, NoteRecord, PassageSelector } from './annotationTypes';
import type { ParsedArticle } from './articleParser';
import { CodePointIndex } from './codePointIndex';
import { resolvePassage, type ResolvedAnchor } from './passageAnchor';
import type { Problem } from './problem';

/** A place where the article mentions an entity, in UTF-16 offsets of the article's text. */
export interface EntityMention {
  entityId: string;
  start: number;
  end: number;
  /** name or alias: found by matching; explicit: an anchored mention in the annotation file. */
  source: 'name' | 'alias' | 'explicit';
}

export interface ResolvedClaim {
  record: ClaimRecord;
  anchor: ResolvedAnchor;
}

export interface ResolvedNote {
  record: NoteRecord;
  anchor: ResolvedAnchor;
}

/** Everything the editor, the CLI and the exports show of one article: parsed and anchored once. */
export interface ArticleModel {
  article: ParsedArticle;
  annotationFile: ParsedAnnotationFile;
  entities: EntityRecord[];
  entityById: ReadonlyMap<string, EntityRecord>;
  /** Sorted by start; never overlapping. */
  mentions: EntityMention[];
  mentionsByEntity: ReadonlyMap<string, EntityMention[]>;
  claims: ResolvedClaim[];
  notes: ResolvedNote[];
  /** The article's and the annotation file's problems, anchoring included. */
  problems: Problem[];
}

/** Builds the matcher for an annotation file's entities; reuse it while the annotation file is unchanged. */
export function createEntityMatcher(entities: readonly EntityRecord[]): AliasMatcher {
  const patterns: AliasPattern[] = [];
  for (const entity of entities) {
    const caseSensitive = entity.caseSensitive !== false;
    for (const text of [entity.name, ...(entity.aliases ?? [])]) {
      if (text.trim().length > 0) patterns.push({ text, key: entity.id, caseSensitive });
    }
  }
  return new AliasMatcher(patterns);
}

/**
 * Anchors an annotation file on its article: finds every mention (names and aliases, plus explicit
 * mentions, minus exclusions) in the article's body, resolves claim and note passages, and reports
 * passages that cannot be found at their place in the annotation file.
 */
export function buildArticleModel(
  article: ParsedArticle,
  annotationFile: ParsedAnnotationFile,
  matcher?: AliasMatcher,
): ArticleModel {
  const annotations = annotationFile.annotations;
  const entities = annotations?.entities ?? [];
  const problems: Problem[] = [...article.problems, ...annotationFile.problems];
  const text = article.text;
  const codePoints = new CodePointIndex(text);
  const entityById = new Map(entities.map((entity) => [entity.id, entity]));

  const expectedArticle = lastPathSegment(article.fileName);
  if (annotations && annotations.article !== expectedArticle) {
    problems.push({
      file: annotationFile.fileName,
      severity: 'warning',
      code: 'article-name',
      message: `"article" is "${annotations.article}", but this file sits beside ${expectedArticle}, the article it annotates.`,
      ...rangeInAnnotationFile(annotationFile, ['article']),
    });
  }

  const reportOrphan = (what: string, selector: PassageSelector, path: Array<string | number>) => {
    problems.push({
      file: annotationFile.fileName,
      severity: 'error',
      code: 'quote-not-found',
      message: `The passage of ${what} is not in the article: "${abbreviate(selector.exact)}". Fix the quote, or the article.`,
      ...rangeInAnnotationFile(annotationFile, [...path, 'exact']),
    });
  };

  // Explicit mentions and exclusions first: they decide which matches count.
  const explicit: EntityMention[] = [];
  const exclusions = new Map<string, Array<{ start: number; end: number; path: Array<string | number>; used: boolean }>>();
  entities.forEach((entity, keptIndex) => {
    const entityPath = ['entities', annotationFile.sourceIndexes.entities[keptIndex]];
    (entity.mentions ?? []).forEach((selector, index) => {
      const anchor = resolvePassage(text, selector, codePoints);
      if (anchor.status === 'orphan') reportOrphan(`a mention of "${entity.id}"`, selector, [...entityPath, 'mentions', index]);
      else explicit.push({ entityId: entity.id, start: anchor.start, end: anchor.end, source: 'explicit' });
    });
    (entity.exclusions ?? []).forEach((selector, index) => {
      const anchor = resolvePassage(text, selector, codePoints);
      const path = [...entityPath, 'exclusions', index];
      if (anchor.status === 'orphan') reportOrphan(`an exclusion of "${entity.id}"`, selector, path);
      else {
        const list = exclusions.get(entity.id) ?? [];
        list.push({ start: anchor.start, end: anchor.end, path, used: false });
        exclusions.set(entity.id, list);
      }
    });
  });

  const entityMatcher = matcher ?? createEntityMatcher(entities);
  const matched: EntityMention[] = [];
  for (const match of entityMatcher.findAll(text, article.bodyStart)) {
    const excluded = exclusions.get(match.pattern.key)?.find((range) => overlaps(range, match));
    if (excluded) {
      excluded.used = true;
      continue;
    }
    if (explicit.some((mention) => overlaps(mention, match))) continue;
    const entity = entityById.get(match.pattern.key);
    matched.push({ entityId: match.pattern.key, start: match.start, end: match.end, source: entity?.name === match.pattern.text ? 'name' : 'alias' });
  }
  for (const [entityId, ranges] of exclusions) {
    for (const range of ranges.filter((r) => !r.used)) {
      problems.push({
        file: annotationFile.fileName,
        severity: 'warning',
        code: 'exclusion-unused',
        message: `This exclusion of "${entityId}" covers no match of its name or aliases; it has no effect.`,
        ...rangeInAnnotationFile(annotationFile, [...range.path, 'exact']),
      });
    }
  }
  const mentions = [...matched, ...explicit].sort((a, b) => a.start - b.start || b.end - a.end);
  const mentionsByEntity = new Map<string, EntityMention[]>();
  for (const mention of mentions) {
    const list = mentionsByEntity.get(mention.entityId) ?? [];
    list.push(mention);
    mentionsByEntity.set(mention.entityId, list);
  }

  const claims: ResolvedClaim[] = (annotations?.claims ?? []).map((record, keptIndex) => {
    const anchor = resolvePassage(text, record.passage, codePoints);
    if (anchor.status === 'orphan') reportOrphan(`claim "${record.id}"`, record.passage, ['claims', annotationFile.sourceIndexes.claims[keptIndex], 'passage']);
    return { record, anchor };
  });
  const notes: ResolvedNote[] = (annotations?.notes ?? []).map((record, keptIndex) => {
    const anchor = resolvePassage(text, record.passage, codePoints);
    if (anchor.status === 'orphan') reportOrphan(`note "${record.id}"`, record.passage, ['notes', annotationFile.sourceIndexes.notes[keptIndex], 'passage']);
    return { record, anchor };
  });

  return { article, annotationFile, entities, entityById, mentions, mentionsByEntity, claims, notes, problems };
}

/** How a claimant is shown: the entity's name, its id if the entity is missing, "unattributed" for null. */
export function claimantName(model: ArticleModel, claimant: string | null | undefined): string {
  if (claimant === null || claimant === undefined) return 'unattributed';
  return model.entityById.get(claimant)?.name ?? claimant;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The file name at the end of a path or URI (decoded, since URIs percent-encode it). */
function lastPathSegment(path: string): string {
  const segment = path.split(/[\\/]/).pop() ?? path;
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(path) ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}

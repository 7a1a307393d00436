import * as l10n from '@vscode/l10n';
import type { ArticleModel } from '../article/articleModel';
import { answerCycles } from '../format/answerCycles';
import { rangeInAnnotationFile, type ParsedAnnotationFile } from '../format/annotationFileParser';
import type { EntityKind, EntityRecord, EntityType, Stance } from '../format/annotationTypes';
import { lastPathSegment } from '../format/articlePaths';
import { parseClaimReference, type ClaimReference } from '../format/claimReference';
import { closestId } from '../format/meaningChecks';
import { replaceWithFix, type Problem } from '../format/problem';
import { joinPath, parentPath } from '../format/registryLocation';
import { ownEntityCountOf } from '../format/withRegistry';
import { locationAmongLineStarts, type TextLocation } from '../text/lineIndex';

// The corpus (issue 14): what every article of a workspace or folder mentions and claims, kept small
// (numbers, ids and summaries, not texts or models) so that a thousand articles fit, and updated one
// article at a time. Find All References, workspace symbols, the cards' "elsewhere", the Claims view's
// answers from other articles and the CLI's index all read it.

export interface IndexedEntity {
  id: string;
  name: string;
  kind: EntityKind;
  type: EntityType;
  summary?: string;
  /** Defined in the article's registry rather than its own annotation file. */
  shared: boolean;
  /** Where its entry is: the annotation file's or the registry's key, and the place in it. */
  definedIn: string;
  definedAt: Pick<Problem, 'start' | 'end'>;
}

export interface IndexedClaim {
  id: string;
  claimant: string | null;
  about: readonly string[];
  summary: string;
  stance?: Stance;
  answers?: ClaimReference;
  /** The passage, in UTF-16 offsets of the article's text; undefined when it is lost. */
  start?: number;
  end?: number;
  /** Where `answers` is written, in the annotation file (for problems with another article). */
  answersAt?: Pick<Problem, 'start' | 'end'>;
}

/** One article as the corpus knows it. */
export interface IndexedArticle {
  /** What locations name: a URI in the editor, a file path in the CLI. */
  key: string;
  /** The article's '/'-separated path, to which other articles' references are resolved. */
  path: string;
  annotationKey: string;
  annotationPath: string;
  title: string;
  /** Its published page, from its front matter. */
  url?: string;
  /** Where each line of the article starts, to turn offsets into places. */
  lineStarts: Uint32Array;
  /**
   * The mentions, by entity: `mentionIds[k]`'s are `mentionRanges[2 * mentionStarts[k]]` up to
   * `mentionRanges[2 * mentionStarts[k + 1]]`, as start, end, start, end… in UTF-16 offsets. Three arrays
   * per article rather than an array per entity: an index of a thousand articles holds a hundred
   * thousand of those, and each typed array costs more than the numbers it holds.
   */
  mentionIds: readonly string[];
  mentionStarts: Int32Array;
  mentionRanges: Int32Array;
  /** The entities its annotation file defines. */
  entities: readonly IndexedEntity[];
  /** Those of its registry (one array for all the registry's articles). */
  sharedEntities: readonly IndexedEntity[];
  /** Its registry (where its shared entities are), as the editor or the CLI named it; undefined without one. */
  registryKey?: string;
  claims: readonly IndexedClaim[];
}

export interface ArticleClaim {
  article: IndexedArticle;
  claim: IndexedClaim;
}

/** What the corpus knows of an article from its model (the one the editor shows, or the CLI's). */
export function indexArticle(
  model: ArticleModel,
  where: { key: string; path: string; annotationKey: string; annotationPath: string },
  intern: (text: string) => string = detached,
): IndexedArticle {
  // Grouped by entity (in the order they first appear) in two passes over the mentions, counted and then
  // placed: no list per entity, as mentionsByEntity would make for an article nobody opened.
  const mentions = model.mentions.all();
  const slotOf = new Map<string, number>();
  const slots = new Int32Array(mentions.length);
  const mentionIds: string[] = [];
  const counts: number[] = [];
  for (let k = 0; k < mentions.length; k++) {
    const { entityId } = mentions[k];
    let slot = slotOf.get(entityId);
    if (slot === undefined) {
      slotOf.set(entityId, (slot = mentionIds.length));
      mentionIds.push(intern(entityId));
      counts.push(0);
    }
    counts[slot]++;
    slots[k] = slot;
  }
  const mentionStarts = new Int32Array(counts.length + 1);
  for (let slot = 0; slot < counts.length; slot++) mentionStarts[slot + 1] = mentionStarts[slot] + counts[slot];
  const next = mentionStarts.slice(0, counts.length);
  const mentionRanges = new Int32Array(mentions.length * 2);
  for (let k = 0; k < mentions.length; k++) {
    const at = 2 * next[slots[k]]++;
    mentionRanges[at] = mentions[k].start;
    mentionRanges[at + 1] = mentions[k].end;
  }
  const file = model.annotationFile;
  const entities: IndexedEntity[] = [];
  for (let kept = 0; kept < ownEntityCountOf(file); kept++) entities.push(indexedEntity(model.entities[kept], file, file.sourceIndexes.entities[kept], false));
  const claims = model.claims.map(({ record, anchor }, kept): IndexedClaim => {
    const answers = record.answers === undefined ? undefined : parseClaimReference(record.answers);
    return {
      id: detached(record.id),
      claimant: record.claimant === null ? null : intern(record.claimant),
      about: (record.about ?? []).map(intern),
      summary: detached(record.summary),
      stance: record.stance,
      answers: answers && { article: answers.article === undefined ? undefined : detached(answers.article), claimId: detached(answers.claimId) },
      start: anchor.start,
      end: anchor.end,
      answersAt: answers?.article !== undefined ? rangeInAnnotationFile(file, ['claims', file.sourceIndexes.claims[kept], 'answers']) : undefined,
    };
  });
  return {
    ...where,
    title: detached(model.article.metadata.title ?? lastPathSegment(where.path)),
    url: model.article.metadata.url === undefined ? undefined : detached(model.article.metadata.url),
    lineStarts: Uint32Array.from(model.article.source.lineIndex.lineStarts),
    mentionIds,
    mentionStarts,
    mentionRanges,
    entities,
    sharedEntities: file.registry ? registryEntities(file.registry) : [],
    registryKey: file.registry?.fileName,
    claims,
  };
}

/** A registry's entities as the corpus knows them: made once per registry read, shared by its articles. */
const indexedRegistries = new WeakMap<ParsedAnnotationFile, readonly IndexedEntity[]>();

function registryEntities(registry: ParsedAnnotationFile): readonly IndexedEntity[] {
  let entities = indexedRegistries.get(registry);
  if (!entities) {
    entities = (registry.annotations?.entities ?? []).map((entity, kept) => indexedEntity(entity, registry, registry.sourceIndexes.entities[kept], true));
    indexedRegistries.set(registry, entities);
  }
  return entities;
}

function indexedEntity(entity: EntityRecord, file: ParsedAnnotationFile, sourceIndex: number, shared: boolean): IndexedEntity {
  return {
    id: detached(entity.id),
    name: detached(entity.name),
    kind: entity.kind,
    type: entity.type,
    summary: entity.summary === undefined ? undefined : detached(entity.summary),
    shared,
    definedIn: file.fileName,
    definedAt: rangeInAnnotationFile(file, ['entities', sourceIndex, 'id']),
  };
}

/**
 * A copy of a string that does not keep the text it was cut from alive: a title or summary read from an
 * article or annotation file may be a slice of the whole file, and the index outlives the file's text.
 */
function detached(text: string): string {
  return (' ' + text).slice(1);
}

/** An entity's mentions in an indexed article, as start, end, start, end…; undefined when it has none there. */
export function mentionsIn(article: IndexedArticle, entityId: string): Int32Array | undefined {
  const k = article.mentionIds.indexOf(entityId);
  return k < 0 ? undefined : article.mentionRanges.subarray(2 * article.mentionStarts[k], 2 * article.mentionStarts[k + 1]);
}

/** How many mentions an indexed article has. */
export function mentionCountOf(article: IndexedArticle): number {
  return article.mentionRanges.length / 2;
}

/** The line and column of an offset of an indexed article. */
export function locationIn(article: IndexedArticle, offset: number): TextLocation {
  return locationAmongLineStarts(article.lineStarts, offset);
}

/**
 * The articles of a corpus, with lookups by entity, claimant and answered claim. Setting or deleting an
 * article costs in proportion to what it mentions and claims; the lookups read only the articles
 * concerned.
 */
export class CorpusIndex {
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly keyByPath = new Map<string, string>();
  /** Entity id → keys of the articles that mention it, make claims as it, or make claims about it. */
  private readonly articlesOfEntity = new Map<string, string[]>();
  /** Target article path → keys of the other articles whose claims answer one of its claims. */
  private readonly answeringArticles = new Map<string, string[]>();
  private readonly interned = new Map<string, string>();

  /**
   * One copy of each entity id for all the articles (pass to indexArticle): a registry's ids recur in
   * every article, and a copy cut from a file would keep that file's text alive.
   */
  readonly intern = (text: string): string => {
    let kept = this.interned.get(text);
    if (kept === undefined) this.interned.set((kept = detached(text)), kept);
    return kept;
  };

  get size(): number {
    return this.articles.size;
  }

  set(article: IndexedArticle): void {
    this.remove(article.key);
    this.articles.set(article.key, article);
    this.keyByPath.set(article.path, article.key);
    for (const entityId of entityIdsOf(article)) addTo(this.articlesOfEntity, entityId, article.key);
    for (const target of this.targetsOf(article)) addTo(this.answeringArticles, target, article.key);
  }

  delete(key: string): boolean {
    return this.remove(key);
  }

  get(key: string): IndexedArticle | undefined {
    return this.articles.get(key);
  }

  byPath(path: string): IndexedArticle | undefined {
    const key = this.keyByPath.get(path);
    return key === undefined ? undefined : this.articles.get(key);
  }

  /** Every article, by path. */
  all(): IndexedArticle[] {
    return [...this.articles.values()].sort(byPath);
  }

  /** The articles that mention an entity, with their mentions, by path. */
  mentionsOf(entityId: string): Array<{ article: IndexedArticle; ranges: Int32Array }> {
    return this.articlesOf(entityId).flatMap((article) => {
      const ranges = mentionsIn(article, entityId);
      return ranges ? [{ article, ranges }] : [];
    });
  }

  /** The claims an entity makes and those about it, across the corpus, by article path and then in article order. */
  claimsOf(entityId: string): { makes: ArticleClaim[]; about: ArticleClaim[] } {
    const makes: ArticleClaim[] = [];
    const about: ArticleClaim[] = [];
    for (const article of this.articlesOf(entityId)) {
      for (const claim of article.claims) {
        if (claim.claimant === entityId) makes.push({ article, claim });
        if (claim.about.includes(entityId)) about.push({ article, claim });
      }
    }
    return { makes, about };
  }

  /**
   * Every entity the corpus knows (defined by an annotation file or a registry), by name, with the
   * articles that mention it and how often, by path.
   */
  entities(): Array<{ entity: IndexedEntity; mentions: Array<{ article: IndexedArticle; count: number }> }> {
    const known = new Map<string, IndexedEntity>();
    const registries = new Set<readonly IndexedEntity[]>();
    for (const article of this.all()) {
      for (const entity of article.entities) if (!known.has(entity.id)) known.set(entity.id, entity);
      registries.add(article.sharedEntities);
    }
    for (const shared of registries) for (const entity of shared) if (!known.has(entity.id)) known.set(entity.id, entity);
    return [...known.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
      .map((entity) => ({ entity, mentions: this.mentionsOf(entity.id).map(({ article, ranges }) => ({ article, count: ranges.length / 2 })) }));
  }

  /** An entity's record, from the first article (by path) that knows it. */
  entity(entityId: string): IndexedEntity | undefined {
    const known = (article: IndexedArticle) => article.entities.find((candidate) => candidate.id === entityId) ?? article.sharedEntities.find((candidate) => candidate.id === entityId);
    for (const article of this.articlesOf(entityId)) {
      const entity = known(article);
      if (entity) return entity;
    }
    // Defined but mentioned nowhere.
    for (const article of this.articles.values()) {
      const entity = known(article);
      if (entity) return entity;
    }
    return undefined;
  }

  /** The claim a claim answers, in its own article or in another; undefined when it answers none or it is missing. */
  answered(from: IndexedArticle, claim: IndexedClaim): ArticleClaim | undefined {
    if (!claim.answers) return undefined;
    const article = claim.answers.article === undefined ? from : this.byPath(this.targetPath(from, claim.answers.article));
    const target = article?.claims.find((candidate) => candidate.id === claim.answers!.claimId);
    return article && target ? { article, claim: target } : undefined;
  }

  /** The claims of other articles that answer a claim of this one. */
  answersFromElsewhere(articleKey: string, claimId: string): ArticleClaim[] {
    const article = this.articles.get(articleKey);
    if (!article) return [];
    const found: ArticleClaim[] = [];
    for (const key of [...(this.answeringArticles.get(article.path) ?? [])].sort()) {
      const answering = this.articles.get(key)!;
      for (const claim of answering.claims) {
        if (claim.answers?.claimId === claimId && claim.answers.article !== undefined && this.targetPath(answering, claim.answers.article) === article.path) found.push({ article: answering, claim });
      }
    }
    return found;
  }

  /**
   * Problems of references between articles, at the `answers` that makes them, in the annotation file:
   * an article or a claim that is not in the corpus, and answers that go round in a circle through
   * several articles (a circle within one article is the annotation file's own problem).
   */
  problems(): Problem[] {
    const problems: Problem[] = [];
    const node = (article: IndexedArticle, claimId: string) => `${article.path}#${claimId}`;
    const next = new Map<string, string>();
    const places = new Map<string, { article: IndexedArticle; claim: IndexedClaim }>();
    const all = this.all();
    for (const article of all) {
      for (const claim of article.claims) {
        places.set(node(article, claim.id), { article, claim });
        if (!claim.answers) continue;
        if (claim.answers.article === undefined) {
          next.set(node(article, claim.id), node(article, claim.answers.claimId));
          continue;
        }
        const path = this.targetPath(article, claim.answers.article);
        const target = this.byPath(path);
        const at = { file: article.annotationKey, severity: 'error' as const, ...(claim.answersAt ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }) };
        if (!target) {
          const near = closestId(lastPathSegment(claim.answers.article), all.filter((a) => a !== article).map((a) => lastPathSegment(a.path)));
          // The fix keeps the folders written before the file name.
          const folder = claim.answers.article.slice(0, claim.answers.article.lastIndexOf('/') + 1);
          problems.push({
            ...at,
            code: 'unknown-article',
            message: l10n.t('No article {0} to answer: there is no annotated article at {1}.{2}', claim.answers.article, path, near ? l10n.t(' Did you mean "{0}"?', near) : ''),
            fix: near ? replaceWithFix(`${folder}${near}#${claim.answers.claimId}`) : undefined,
          });
        } else if (!target.claims.some((candidate) => candidate.id === claim.answers!.claimId)) {
          const near = closestId(claim.answers.claimId, target.claims.map((candidate) => candidate.id));
          problems.push({
            ...at,
            code: 'unknown-id',
            message: l10n.t('No claim with the id "{0}" in {1} to answer.{2}', claim.answers.claimId, target.title, near ? l10n.t(' Did you mean "{0}"?', near) : ''),
            fix: near ? replaceWithFix(`${claim.answers.article}#${near}`) : undefined,
          });
        } else {
          next.set(node(article, claim.id), node(target, claim.answers.claimId));
        }
      }
    }
    for (const cycle of answerCycles(places.keys(), (id) => next.get(id))) {
      const articles = new Set(cycle.map((id) => places.get(id)!.article.path));
      if (articles.size < 2) continue;
      const first = cycle.find((id) => places.get(id)!.claim.answers?.article !== undefined)!;
      const { article, claim } = places.get(first)!;
      const shown = cycle.map((id) => `${lastPathSegment(places.get(id)!.article.path)}#${places.get(id)!.claim.id}`);
      problems.push({
        file: article.annotationKey,
        severity: 'error',
        code: 'answer-cycle',
        message: l10n.t('Claims answer each other in a circle: {0}. One of them must answer something else, or nothing.', [...shown, shown[0]].join(' → ')),
        ...(claim.answersAt ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }),
      });
    }
    return problems;
  }

  /** The path a reference of `from` names: relative to its annotation file's folder. */
  targetPath(from: IndexedArticle, relative: string): string {
    return joinPath(parentPath(from.annotationPath), relative);
  }

  private articlesOf(entityId: string): IndexedArticle[] {
    return (this.articlesOfEntity.get(entityId) ?? []).map((key) => this.articles.get(key)!).sort(byPath);
  }

  private targetsOf(article: IndexedArticle): Set<string> {
    const targets = new Set<string>();
    for (const claim of article.claims) if (claim.answers?.article !== undefined) targets.add(this.targetPath(article, claim.answers.article));
    return targets;
  }

  private remove(key: string): boolean {
    const old = this.articles.get(key);
    if (!old) return false;
    this.articles.delete(key);
    if (this.keyByPath.get(old.path) === key) this.keyByPath.delete(old.path);
    for (const entityId of entityIdsOf(old)) removeFrom(this.articlesOfEntity, entityId, key);
    for (const target of this.targetsOf(old)) removeFrom(this.answeringArticles, target, key);
    return true;
  }
}

/** The entities an article concerns: those it mentions, and those that make its claims or that its claims are about. */
function entityIdsOf(article: IndexedArticle): readonly string[] {
  // The mentioned ids are distinct already: only the few of the claims are compared with them.
  const fromClaims = new Set<string>();
  for (const claim of article.claims) {
    if (claim.claimant !== null) fromClaims.add(claim.claimant);
    for (const id of claim.about) fromClaims.add(id);
  }
  if (fromClaims.size === 0) return article.mentionIds;
  for (const id of article.mentionIds) fromClaims.delete(id);
  return [...article.mentionIds, ...fromClaims];
}

function byPath(a: IndexedArticle, b: IndexedArticle): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

// Lists, not sets: an article is added once under each of its ids (they come from a set), and a
// thousand articles' hundred thousand additions cost a third as much as sets'.
function addTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function removeFrom(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  const at = list ? list.indexOf(value) : -1;
  if (at === -1) return;
  list!.splice(at, 1);
  if (list!.length === 0) map.delete(key);
}

import type { EntityRecord, PassageSelector } from '../format/annotationTypes';
import { parseClaimReference } from '../format/claimReference';
import type { ArticleModel } from '../article/articleModel';
import { claimantName } from '../article/modelQueries';
import { readingRange } from '../anchoring/readingText';
import type { ResolvedAnchor } from '../anchoring/passageAnchor';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Terms of our own, for what the Web Annotation vocabulary has no word for: a claim's stance towards the claim it answers. */
const MARGINALIA_CONTEXT = {
  marginalia: 'https://marginalia.dev/ns#',
  stance: 'marginalia:stance',
  answers: { '@id': 'marginalia:answers', '@type': '@id' },
};

/** An IRI for an entity: a fragment of the article's IRI, stable across exports. */
function entityIri(articleId: string, entity: EntityRecord): string {
  return `${articleId}#entity-${entity.id}`;
}

function agentOf(articleId: string, entity: EntityRecord): object {
  return { id: entityIri(articleId, entity), type: entity.type === 'person' ? 'Person' : entity.kind === 'system' ? 'Software' : 'Organization', name: entity.name };
}

/**
 * What the article is called in W3C annotations: the published page (its front matter's url), when it
 * has one, and the Markdown file (its file URI, or the editor's URI). Annotation ids are made from the
 * page's IRI, else the file's.
 */
export interface ArticleIris {
  page?: string;
  file: string;
  /**
   * The id base of another article, named by a path relative to this one's annotation file (a claim
   * answers a claim there, issue 14): its page when the corpus knows it; else its file, resolved.
   */
  otherArticle?: (relativePath: string) => string | undefined;
}

export function articleIris(model: ArticleModel, fileIri: string, otherArticle?: ArticleIris['otherArticle']): ArticleIris {
  return { page: model.article.metadata.url, file: fileIri, otherArticle };
}

/** The IRI of the claim that `answers` names: of this article (`#claim-id` on its id base), or of another. */
export function answeredClaimIri(iris: ArticleIris, answers: string): string {
  const { article, claimId } = parseClaimReference(answers);
  if (article === undefined) return `${idBase(iris)}#claim-${claimId}`;
  let base = iris.otherArticle?.(article);
  if (base === undefined) {
    try {
      base = new URL(article, iris.file).href;
    } catch {
      base = article;
    }
  }
  return `${base}#claim-${claimId}`;
}

function idBase(iris: ArticleIris): string {
  return iris.page ?? iris.file;
}

/** Characters of context a selector carries on each side: as many as the stored selectors. */
const CONTEXT_LENGTH = 32;

/**
 * The TextQuoteSelector of source[start, end) on the published page: on the reading text (what a
 * reader and a browser see; no Markdown, no front matter), with each run of white space one space, as
 * the page's text is compared (a browser's layout decides where its line breaks fall). No position: the
 * page around the article (its navigation, its footer) is not ours to count.
 */
function pageQuoteSelector(model: ArticleModel, start: number, end: number): object | undefined {
  const reading = model.readingText;
  const text = reading.text;
  let { start: from, end: to } = readingRange(reading, start, end);
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (from === to) return undefined;
  const collapse = (part: string) => part.replace(/\s+/g, ' ');
  const before = text.slice(Math.max(0, from - 2 * CONTEXT_LENGTH), from);
  const after = text.slice(to, to + 2 * CONTEXT_LENGTH);
  // The squeezed page text has no white space at either end: nor do the contexts there.
  let prefix = collapse(before).slice(-CONTEXT_LENGTH);
  if (!/\S/.test(text.slice(0, from - before.length))) prefix = prefix.trimStart();
  let suffix = collapse(after).slice(0, CONTEXT_LENGTH);
  if (!/\S/.test(text.slice(to + after.length))) suffix = suffix.trimEnd();
  return { type: 'TextQuoteSelector', exact: collapse(text.slice(from, to)), ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) };
}

/**
 * The targets of source[start, end), or of a stored selector when the passage did not resolve: the
 * published page, by quote on the text a reader sees (when the article has a url and the passage is
 * known), and the Markdown file, by quote and position on its source. Each selector is valid for the
 * source it names.
 */
function passageTargets(model: ArticleModel, iris: ArticleIris, anchor: ResolvedAnchor, stored: PassageSelector): object | object[] {
  if (anchor.status === 'orphan') return w3cTarget(iris.file, stored);
  const fileTarget = w3cTarget(iris.file, model.article.source.describe(anchor.start, anchor.end));
  const pageSelector = iris.page ? pageQuoteSelector(model, anchor.start, anchor.end) : undefined;
  return pageSelector ? [{ source: iris.page, selector: pageSelector }, fileTarget] : fileTarget;
}

/** A W3C target: a source, by its TextQuote and (when known) TextPosition selectors. */
export function w3cTarget(source: string, selector: PassageSelector): object {
  const selectors: object[] = [{ type: 'TextQuoteSelector', exact: selector.exact, ...(selector.prefix ? { prefix: selector.prefix } : {}), ...(selector.suffix ? { suffix: selector.suffix } : {}) }];
  if (selector.position) selectors.push({ type: 'TextPositionSelector', start: selector.position.start, end: selector.position.end });
  return { source, selector: selectors.length === 1 ? selectors[0] : selectors };
}

/** The targets of the article's text[start, end) (see passageTargets). */
export function w3cPassageTargets(model: ArticleModel, iris: ArticleIris, start: number, end: number): object | object[] {
  return passageTargets(model, iris, { status: 'exact', start, end }, { exact: '' });
}

/**
 * The article's annotations as a W3C Web Annotation AnnotationCollection (JSON-LD): one annotation per
 * entity mention (motivation identifying, its body the entity's links and name), per claim (motivation
 * describing, its body the summary with the claimant as creator, and its stance towards the claim it
 * answers), and per note (motivation commenting). Each targets the passage on the published page and
 * in the Markdown file (see passageTargets).
 */
export function w3cAnnotationCollection(model: ArticleModel, iris: ArticleIris): object {
  const articleId = idBase(iris);
  const items: object[] = [];
  const claimIri = (id: string) => `${articleId}#claim-${id}`;
  const counts = new Map<string, number>();
  for (const mention of model.mentions.all()) {
    const entity = model.entityById.get(mention.entityId);
    if (!entity) continue;
    const n = (counts.get(entity.id) ?? 0) + 1;
    counts.set(entity.id, n);
    const body: object[] = (entity.links ?? []).map((link) => ({ id: link.url, type: 'Text', format: 'text/html', title: link.title }));
    body.push({ type: 'TextualBody', value: entity.name, purpose: 'identifying', format: 'text/plain' });
    items.push({
      '@context': ANNO_CONTEXT,
      id: `${articleId}#mention-${entity.id}-${n}`,
      type: 'Annotation',
      motivation: 'identifying',
      body,
      target: w3cPassageTargets(model, iris, mention.start, mention.end),
    });
  }
  for (const claim of model.claims) {
    const { record } = claim;
    const claimant = record.claimant ? model.entityById.get(record.claimant) : undefined;
    const body: Record<string, unknown> = { type: 'TextualBody', value: record.summary, purpose: 'describing', format: 'text/plain' };
    if (claimant) body.creator = agentOf(articleId, claimant);
    const annotation: Record<string, unknown> = {
      '@context': record.answers ? [ANNO_CONTEXT, MARGINALIA_CONTEXT] : ANNO_CONTEXT,
      id: claimIri(record.id),
      type: 'Annotation',
      motivation: 'describing',
      body: [body, ...(record.about ?? []).flatMap((id) => (model.entityById.get(id) ? [{ type: 'SpecificResource', source: entityIri(articleId, model.entityById.get(id)!), purpose: 'tagging' }] : []))],
      target: passageTargets(model, iris, claim.anchor, record.passage),
    };
    if (record.answers) {
      annotation.answers = answeredClaimIri(iris, record.answers);
      annotation.stance = record.stance;
    }
    if (!claimant) annotation.label = `Claim (${claimantName(model, record.claimant)})`;
    items.push(annotation);
  }
  for (const note of model.notes) {
    const { record } = note;
    const body: Record<string, unknown> = { type: 'TextualBody', value: record.text, purpose: 'commenting', format: 'text/plain' };
    if (record.author) body.creator = { type: 'Person', name: record.author };
    const annotation: Record<string, unknown> = { '@context': ANNO_CONTEXT, id: `${articleId}#note-${record.id}`, type: 'Annotation', motivation: 'commenting', body, target: passageTargets(model, iris, note.anchor, record.passage) };
    if (record.created) annotation.created = /T/.test(record.created) ? record.created : `${record.created}T00:00:00Z`;
    items.push(annotation);
  }
  return {
    '@context': ANNO_CONTEXT,
    id: `${articleId}#annotations`,
    type: 'AnnotationCollection',
    label: `Annotations of ${model.article.metadata.title ?? model.article.fileName}`,
    total: items.length,
    first: { id: `${articleId}#annotations-page-1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

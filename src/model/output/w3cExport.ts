import type { EntityRecord, PassageSelector } from '../format/annotationTypes';
import type { ArticleModel } from '../article/articleModel';
import { claimantName } from '../article/modelQueries';
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

/** A target: the article, by quote and by position (the current ones when the passage resolves, else the stored ones). */
function resolvedTarget(model: ArticleModel, articleId: string, anchor: ResolvedAnchor, stored: PassageSelector): object {
  return w3cTarget(articleId, anchor.status === 'orphan' ? stored : model.article.source.describe(anchor.start, anchor.end));
}

/** A W3C target: the article, by its TextQuote and (when known) TextPosition selectors. */
export function w3cTarget(articleId: string, selector: PassageSelector): object {
  const selectors: object[] = [{ type: 'TextQuoteSelector', exact: selector.exact, ...(selector.prefix ? { prefix: selector.prefix } : {}), ...(selector.suffix ? { suffix: selector.suffix } : {}) }];
  if (selector.position) selectors.push({ type: 'TextPositionSelector', start: selector.position.start, end: selector.position.end });
  return { source: articleId, selector: selectors.length === 1 ? selectors[0] : selectors };
}

/**
 * The article's annotations as a W3C Web Annotation AnnotationCollection (JSON-LD): one annotation per
 * entity mention (motivation identifying, its body the entity's links and name), per claim (motivation
 * describing, its body the summary with the claimant as creator, and its stance towards the claim it
 * answers), and per note (motivation commenting). Each targets the article with TextQuote and
 * TextPosition selectors. `articleId` is the article's IRI: its URL, else its file URI.
 */
export function w3cAnnotationCollection(model: ArticleModel, articleId: string): object {
  const items: object[] = [];
  const claimIri = (id: string) => `${articleId}#claim-${id}`;
  const counts = new Map<string, number>();
  for (const mention of model.mentions) {
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
      target: resolvedTarget(model, articleId, { status: 'exact', start: mention.start, end: mention.end }, { exact: '' }),
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
      target: resolvedTarget(model, articleId, claim.anchor, record.passage),
    };
    if (record.answers) {
      annotation.answers = claimIri(record.answers);
      annotation.stance = record.stance;
    }
    if (!claimant) annotation.label = `Claim (${claimantName(model, record.claimant)})`;
    items.push(annotation);
  }
  for (const note of model.notes) {
    const { record } = note;
    const body: Record<string, unknown> = { type: 'TextualBody', value: record.text, purpose: 'commenting', format: 'text/plain' };
    if (record.author) body.creator = { type: 'Person', name: record.author };
    const annotation: Record<string, unknown> = { '@context': ANNO_CONTEXT, id: `${articleId}#note-${record.id}`, type: 'Annotation', motivation: 'commenting', body, target: resolvedTarget(model, articleId, note.anchor, record.passage) };
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

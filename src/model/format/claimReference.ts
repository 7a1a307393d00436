import { isArticleFileName } from './articlePaths';

/**
 * What a claim's `answers` names: a claim of the same article ("claim-id"), or of another article
 * ("other-article.md#claim-id", the article's path relative to the annotation file), issue 14.
 */
export interface ClaimReference {
  /** The other article's path as written, relative to the annotation file; undefined for a claim of this article. */
  article?: string;
  claimId: string;
}

/** The JSON Schema pattern of `answers`: an id, or an article's path (NAME.md) and "#" before it. */
export const CLAIM_REFERENCE_PATTERN = '^(?:[^#\\s][^#]*\\.(?:md|markdown)#)?[a-z0-9]+(?:[-_.][a-z0-9]+)*$';

export function parseClaimReference(value: string): ClaimReference {
  const hash = value.lastIndexOf('#');
  if (hash < 0) return { claimId: value };
  const article = value.slice(0, hash);
  return isArticleFileName(article) ? { article, claimId: value.slice(hash + 1) } : { claimId: value };
}

export function formatClaimReference(reference: ClaimReference): string {
  return reference.article === undefined ? reference.claimId : `${reference.article}#${reference.claimId}`;
}

import type { ArticleModel } from '../article/articleModel';
import { answeredClaimIri, type ArticleIris } from './w3cExport';
import { isInstitution } from './citationText';
import { citedPassage, fragmentQuoteCounts } from './citation';

/**
 * The article's claims as schema.org ClaimReview JSON-LD, for a fact-checking team to publish: each
 * claim reviewed (its summary), the Claim itself with its author (the claimant) and its appearance (the
 * article, linked to the exact passage). The rating is left for the reviewers: only the claims and
 * their sources come from the annotations. With the article's IRIs, each Claim has the IRI the W3C
 * export gives it, and cites the claim it answers.
 */
export function claimReviews(model: ArticleModel, iris?: ArticleIris): object[] {
  const { metadata } = model.article;
  const counts = fragmentQuoteCounts(model, model.claims.flatMap(({ anchor }) => (anchor.status === 'orphan' ? [] : [anchor])));
  return model.claims.map((claim) => {
    const { record, anchor } = claim;
    const claimant = record.claimant ? model.entityById.get(record.claimant) : undefined;
    const appearance: Record<string, unknown> = {
      '@type': 'NewsArticle',
      headline: metadata.title,
      url: metadata.url,
      datePublished: metadata.published,
      author: metadata.authors.map((name) => ({ '@type': isInstitution(name, metadata.publisher) ? 'Organization' : 'Person', name })),
      publisher: metadata.publisher ? { '@type': 'Organization', name: metadata.publisher } : undefined,
    };
    if (anchor.status !== 'orphan') {
      const cited = citedPassage(model, anchor.start, anchor.end, record.claimant, counts);
      if (cited.link) appearance.url = cited.link;
      appearance.text = cited.quote;
    }
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: record.summary,
      datePublished: metadata.published,
      itemReviewed: {
        '@type': 'Claim',
        // The claim's IRI, as in the W3C export; a counterclaim or support cites the claim it answers (here or in another article).
        '@id': iris ? answeredClaimIri(iris, record.id) : undefined,
        citation: iris && record.answers ? { '@type': 'Claim', '@id': answeredClaimIri(iris, record.answers) } : undefined,
        author: claimant ? { '@type': claimant.type === 'person' ? 'Person' : 'Organization', name: claimant.name, sameAs: claimant.links?.map((link) => link.url) } : undefined,
        datePublished: metadata.published,
        appearance,
      },
    };
  });
}

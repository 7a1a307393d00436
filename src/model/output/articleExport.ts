import * as l10n from '@vscode/l10n';
import type { ArticleModel } from '../article/articleModel';
import { cslItem, fragmentQuoteCounts } from './citation';
import { claimReviews } from './claimReviewExport';
import { readingPageHtml } from './readingPage';
import { w3cAnnotationCollection, type ArticleIris } from './w3cExport';

export const EXPORT_FORMATS = ['w3c', 'claimreview', 'csl', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How each export is named and saved; the words are read when shown, in the user's language. */
export const EXPORT_FILES: Record<ExportFormat, { readonly label: string; readonly extension: string; readonly description: string }> = {
  w3c: {
    label: 'W3C Web Annotations',
    extension: 'w3c.jsonld',
    get description() {
      return l10n.t('an AnnotationCollection in JSON-LD: mentions, claims and notes');
    },
  },
  claimreview: {
    label: 'schema.org ClaimReview',
    extension: 'claimreview.jsonld',
    get description() {
      return l10n.t('the claims, for a fact-checking team to publish');
    },
  },
  csl: {
    label: 'CSL-JSON',
    extension: 'csl.json',
    get description() {
      return l10n.t('a citation of every claim, for reference managers');
    },
  },
  html: {
    get label() {
      return l10n.t('Reading page');
    },
    extension: 'html',
    get description() {
      return l10n.t('the article with highlights, cards, claims and entities, offline in one file');
    },
  },
};

/**
 * An article's annotations in one of the export formats, as text. `iris` name the article in W3C
 * annotations.
 */
export function exportArticle(model: ArticleModel, format: ExportFormat, iris: ArticleIris): string {
  switch (format) {
    case 'w3c':
      return `${JSON.stringify(w3cAnnotationCollection(model, iris), null, 2)}\n`;
    case 'claimreview':
      return `${JSON.stringify(claimReviews(model, iris), null, 2)}\n`;
    case 'csl': {
      const anchored = model.claims.flatMap((claim) => (claim.anchor.status === 'orphan' ? [] : [{ start: claim.anchor.start, end: claim.anchor.end, claimant: claim.record.claimant }]));
      const counts = fragmentQuoteCounts(model, anchored);
      const items = anchored.map(({ start, end, claimant }) => cslItem(model, start, end, claimant, counts));
      return `${JSON.stringify(items, null, 2)}\n`;
    }
    case 'html':
      return readingPageHtml(model);
  }
}

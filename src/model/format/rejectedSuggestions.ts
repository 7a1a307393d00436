import type { RejectedSuggestion } from './annotationTypes';

/**
 * The key a rejected suggestion is known by: its kind and words, with runs of white space as one
 * space (a passage re-wrapped is the same passage). A suggestion and its stored rejection share it.
 */
export function rejectionKey(rejection: RejectedSuggestion): string {
  const parts = (() => {
    switch (rejection.kind) {
      case 'entity':
        return [rejection.name];
      case 'alias':
        return [rejection.entity, rejection.alias];
      case 'exclusion':
        return [rejection.entity, rejection.quote, rejection.context];
      case 'claim':
        return [rejection.quote];
    }
  })();
  return [rejection.kind, ...parts.map((part) => part.replace(/\s+/gu, ' ').trim())].join('\u241f');
}

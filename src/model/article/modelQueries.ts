import * as l10n from '@vscode/l10n';
import type { ArticleModel, EntityMention, ResolvedClaim } from './articleModel';

// Lookups over an article's model, for hovers, views, commands and citations.

/** The mention at an offset (ends inclusive, so a cursor just after a name counts). */
export function mentionAt(model: ArticleModel, offset: number): EntityMention | undefined {
  const mention = model.mentions.at(model.mentions.firstEndingAfter(offset - 1));
  return mention && mention.start <= offset ? mention : undefined;
}

/** The claims whose passage covers an offset, innermost (shortest) first. */
export function claimsAt(model: ArticleModel, offset: number): ResolvedClaim[] {
  return model.claims
    .filter((claim) => claim.anchor.start !== undefined && claim.anchor.start <= offset && offset <= claim.anchor.end)
    .sort((a, b) => a.anchor.end! - a.anchor.start! - (b.anchor.end! - b.anchor.start!));
}

/** The claims an entity makes, and the claims about it, for its hover card and the Entities view. */
export function claimsOfEntity(model: ArticleModel, entityId: string): { makes: ResolvedClaim[]; about: ResolvedClaim[] } {
  return {
    makes: model.claims.filter((claim) => claim.record.claimant === entityId),
    about: model.claims.filter((claim) => claim.record.about?.includes(entityId)),
  };
}

/** Who says a passage: the claimant of the first claim whose passage contains it; undefined when none does. */
export function claimantOfPassage(model: ArticleModel, start: number, end: number): string | null | undefined {
  return model.claims.find((c) => c.anchor.start !== undefined && c.anchor.start <= start && end <= c.anchor.end!)?.record.claimant;
}

/** How a claimant is shown: the entity's name, its id if the entity is missing, "unattributed" for null. */
export function claimantName(model: ArticleModel, claimant: string | null | undefined): string {
  if (claimant === null || claimant === undefined) return l10n.t('unattributed');
  return model.entityById.get(claimant)?.name ?? claimant;
}

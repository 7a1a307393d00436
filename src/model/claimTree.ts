import { answerCycles } from './answerCycles';
import type { ArticleModel, ResolvedClaim } from './articleModel';

/** A claim with the claims that answer it, to any depth. */
export interface ClaimNode {
  claim: ResolvedClaim;
  answers: ClaimNode[];
}

export interface ClaimTree {
  /** Claims that answer no other claim (or answer one that is missing), in article order. */
  roots: ClaimNode[];
  /** Claims whose passage is not in the article, in file order, with their answers nested. */
  orphans: ClaimNode[];
  byId: ReadonlyMap<string, ClaimNode>;
}

/**
 * Arranges an article's claims as the Claims view shows them: each counterclaim or support under the
 * claim it answers, siblings in article order, claims whose passage is lost in a group of their own.
 */
export function buildClaimTree(model: ArticleModel): ClaimTree {
  const byId = new Map<string, ClaimNode>();
  for (const claim of model.claims) if (!byId.has(claim.record.id)) byId.set(claim.record.id, { claim, answers: [] });
  const answered = (id: string) => {
    const target = byId.get(id)?.claim.record.answers;
    return target !== undefined && byId.has(target) ? target : undefined;
  };
  const inCircle = new Set(answerCycles(byId.keys(), answered).flat());
  const roots: ClaimNode[] = [];
  const orphans: ClaimNode[] = [];
  for (const node of byId.values()) {
    const parent = node.claim.record.answers !== undefined ? byId.get(node.claim.record.answers) : undefined;
    // A cycle is reported by the loader; its claims show at the top level rather than nowhere.
    if (parent && !inCircle.has(node.claim.record.id)) parent.answers.push(node);
    else if (node.claim.anchor.status === 'orphan') orphans.push(node);
    else roots.push(node);
  }
  const inArticleOrder = (a: ClaimNode, b: ClaimNode) => (a.claim.anchor.start ?? Infinity) - (b.claim.anchor.start ?? Infinity);
  // Iterative: an answer chain may be thousands of claims deep.
  const pending: ClaimNode[][] = [roots, ...orphans.map((node) => node.answers)];
  for (let nodes = pending.pop(); nodes; nodes = pending.pop()) {
    nodes.sort(inArticleOrder);
    for (const node of nodes) if (node.answers.length > 0) pending.push(node.answers);
  }
  return { roots, orphans, byId };
}

/** The claims an entity makes, and the claims about it, for its hover card and the Entities view. */
export function claimsOfEntity(model: ArticleModel, entityId: string): { makes: ResolvedClaim[]; about: ResolvedClaim[] } {
  return {
    makes: model.claims.filter((claim) => claim.record.claimant === entityId),
    about: model.claims.filter((claim) => claim.record.about?.includes(entityId)),
  };
}

/** The claims whose passage covers an offset, innermost (shortest) first. */
export function claimsAt(model: ArticleModel, offset: number): ResolvedClaim[] {
  return model.claims
    .filter((claim) => claim.anchor.start !== undefined && claim.anchor.start <= offset && offset <= claim.anchor.end)
    .sort((a, b) => a.anchor.end! - a.anchor.start! - (b.anchor.end! - b.anchor.start!));
}

/** The mention at an offset (ends inclusive, so a cursor just after a name counts). */
export function mentionAt(model: ArticleModel, offset: number) {
  const mentions = model.mentions;
  let low = 0;
  let high = mentions.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const mention = mentions[middle];
    if (mention.end < offset) low = middle + 1;
    else if (mention.start > offset) high = middle - 1;
    else return mention;
  }
  return undefined;
}

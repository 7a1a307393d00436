import { answerCycles } from '../format/answerCycles';
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

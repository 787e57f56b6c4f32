// Specialization (spec §6.4, docs "Second rule vs. specialization"): a later rule that reads the same
// input field with a lower rank (fewer segments captured by `*`) overrides the earlier rule for that
// field. A claim on a path also covers everything below it, so removing `weight` removes the subtree a
// pass-through would have copied leaf by leaf. Claims live in a trie per namespace.

export interface ClaimNode {
  children: Map<string, ClaimNode> | undefined;
  /** Keys of `children` in insertion order, for allocation-free iteration. */
  keys: string[] | undefined;
  /** Lowest rank of the claims that always apply here (Infinity when none). */
  rank: number;
  /** Rule that made the `rank` claim, for traces. */
  rule: number;
  /** Claims that apply only when the claiming rule's datasets matched. */
  conditional: { readonly mask: number; readonly rank: number; readonly rule: number }[] | undefined;
}

export type ClaimTrie = Map<string, ClaimNode>;

function newNode(): ClaimNode {
  return { children: undefined, keys: undefined, rank: Infinity, rule: -1, conditional: undefined };
}

export function addClaim(
  trie: ClaimTrie,
  namespace: string,
  segments: readonly string[],
  rank: number,
  rule: number,
  mask: number,
): void {
  let node = trie.get(namespace);
  if (node === undefined) {
    node = newNode();
    trie.set(namespace, node);
  }
  for (const s of segments) {
    node.children ??= new Map();
    let child = node.children.get(s);
    if (child === undefined) {
      child = newNode();
      node.children.set(s, child);
      (node.keys ??= []).push(s);
    }
    node = child;
  }
  if (mask === 0) {
    if (rank < node.rank) {
      node.rank = rank;
      node.rule = rule;
    }
  } else {
    (node.conditional ??= []).push({ mask, rank, rule });
  }
}

/** Lowest rank claimed at this node for a message whose matched datasets are `bound`. */
export function activeRank(node: ClaimNode, bound: number): number {
  let r = node.rank;
  const c = node.conditional;
  if (c !== undefined) {
    for (const claim of c) if ((claim.mask & bound) === claim.mask && claim.rank < r) r = claim.rank;
  }
  return r;
}

/** Rule behind the lowest active claim at this node (for traces). */
function activeRule(node: ClaimNode, bound: number): number {
  let r = node.rank;
  let rule = node.rule;
  const c = node.conditional;
  if (c !== undefined) {
    for (const claim of c) {
      if ((claim.mask & bound) === claim.mask && claim.rank < r) {
        r = claim.rank;
        rule = claim.rule;
      }
    }
  }
  return rule;
}

/**
 * Checks one resolved input path against the claims of the later rules. Returns the rule that
 * overrides an instance of rank `rank` reading that path, or -1.
 */
export function overriddenBy(
  tries: readonly ClaimTrie[],
  namespace: string,
  segments: readonly string[],
  rank: number,
  bound: number,
): number {
  for (const trie of tries) {
    let node = trie.get(namespace);
    if (node === undefined) continue;
    let i = 0;
    for (;;) {
      if (activeRank(node, bound) < rank) return activeRule(node, bound);
      if (i === segments.length || node.children === undefined) break;
      node = node.children.get(segments[i] as string);
      if (node === undefined) break;
      i++;
    }
  }
  return -1;
}

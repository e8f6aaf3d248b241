/**
 * Rebuilds the boolean structure of a WHERE or HAVING clause. The parser returns it as a right-leaning list whose
 * conditions carry counts of opening and closing parentheses; this module turns that into a tree with NOT binding
 * to the next condition or parenthesised group. SOQL refuses AND and OR mixed without parentheses
 * ("unexpected token: 'OR'"): the caller gets the position of the operator that broke the rule.
 * Reference: SOQL and SOSL Reference, "Logical Operators".
 */

/** A boolean tree over leaf conditions of type C; `index` is a leaf's position in text order. */
export type BoolTree<C> =
  | { kind: 'leaf'; cond: C; index: number }
  | { kind: 'not'; child: BoolTree<C> }
  | { kind: 'and' | 'or'; children: BoolTree<C>[] };

/** The parser's list node shape shared by WHERE and HAVING. */
interface ListNode {
  left: unknown;
  operator?: string;
  right?: ListNode;
}

type Item<C> = { t: '(' | ')' | 'NOT' } | { t: 'AND' | 'OR'; ordinal: number } | { t: 'leaf'; cond: C; index: number };

/** Thrown when AND and OR are mixed at one level; `ordinal` counts the clause's AND/OR keywords from 0. */
export class MixedOperators extends Error {
  constructor(
    readonly ordinal: number,
    readonly keyword: 'AND' | 'OR',
  ) {
    super(`unexpected token: '${keyword}'`);
  }
}

function parens(node: unknown, key: 'openParen' | 'closeParen'): number {
  const value = (node as Record<string, unknown> | null)?.[key];
  return typeof value === 'number' ? value : 0;
}

function flatten<C>(list: ListNode): Item<C>[] {
  const items: Item<C>[] = [];
  let ordinal = 0;
  let index = 0;
  const repeat = (t: '(' | ')', n: number): void => {
    for (let i = 0; i < n; i++) items.push({ t });
  };
  let node: ListNode | undefined = list;
  while (node) {
    const left = node.left as Record<string, unknown> | null;
    const isNegation = node.operator === 'NOT' && (left === null || !('operator' in left || 'fn' in left));
    if (isNegation) {
      repeat('(', parens(left, 'openParen'));
      items.push({ t: 'NOT' });
    } else {
      repeat('(', parens(left, 'openParen'));
      items.push({ t: 'leaf', cond: left as C, index: index++ });
      repeat(')', parens(left, 'closeParen'));
      if (node.operator === 'AND' || node.operator === 'OR') items.push({ t: node.operator, ordinal: ordinal++ });
    }
    node = node.right;
  }
  return items;
}

/** Builds the tree of a WHERE/HAVING list; throws MixedOperators for `a AND b OR c`. */
export function buildBoolTree<C>(list: ListNode): BoolTree<C> {
  const items = flatten<C>(list);
  let at = 0;
  const peek = (): Item<C> | undefined => items[at];

  const primary = (): BoolTree<C> => {
    const item = items[at++];
    if (item?.t === '(') {
      const inner = expression();
      at++; // the matching ')': the parser has already checked that parentheses balance
      return inner;
    }
    if (item?.t === 'leaf') return { kind: 'leaf', cond: item.cond, index: item.index };
    throw new Error('Unbalanced condition list from the SOQL parser');
  };
  const unary = (): BoolTree<C> => {
    if (peek()?.t === 'NOT') {
      at++;
      return { kind: 'not', child: unary() };
    }
    return primary();
  };
  const expression = (): BoolTree<C> => {
    const first = unary();
    const children = [first];
    let kind: 'AND' | 'OR' | undefined;
    for (let next = peek(); next && (next.t === 'AND' || next.t === 'OR'); next = peek()) {
      if (kind && next.t !== kind) throw new MixedOperators(next.ordinal, next.t);
      kind = next.t;
      at++;
      children.push(unary());
    }
    if (!kind) return first;
    return { kind: kind === 'AND' ? 'and' : 'or', children };
  };
  return expression();
}

/** The leaves of a tree in text order. */
export function leaves<C>(tree: BoolTree<C>): { cond: C; index: number }[] {
  if (tree.kind === 'leaf') return [{ cond: tree.cond, index: tree.index }];
  if (tree.kind === 'not') return leaves(tree.child);
  return tree.children.flatMap((c) => leaves(c));
}

/** The same tree with every leaf replaced by f(leaf). */
export function mapTree<A, B>(tree: BoolTree<A>, f: (leaf: A) => B): BoolTree<B> {
  if (tree.kind === 'leaf') return { kind: 'leaf', cond: f(tree.cond), index: tree.index };
  if (tree.kind === 'not') return { kind: 'not', child: mapTree(tree.child, f) };
  return { kind: tree.kind, children: tree.children.map((c) => mapTree(c, f)) };
}

/** Evaluates a tree whose leaves are predicates. */
export function evaluator<T>(tree: BoolTree<(item: T) => boolean>): (item: T) => boolean {
  if (tree.kind === 'leaf') return tree.cond;
  if (tree.kind === 'not') {
    const inner = evaluator(tree.child);
    return (item) => !inner(item);
  }
  const parts = tree.children.map((c) => evaluator(c));
  return tree.kind === 'or' ? (item) => parts.some((p) => p(item)) : (item) => parts.every((p) => p(item));
}

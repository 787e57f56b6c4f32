import { isRecord } from '@flowplane/model';

/** A JSON pointer (RFC 6901) from path segments. */
export function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * A copy of `doc` with `value` at `path`; `undefined` removes the member, and objects on the path left
 * empty by a removal are removed too, so clearing the last field of an optional block drops the block (as
 * a hand-written manifest would) instead of leaving `{}` behind. Objects inside `value` are kept as given,
 * and so are the first `keep` objects of the path (an authentication block whose `{}` means something).
 */
export function setAt<T>(doc: T, path: readonly string[], value: unknown, keep = 0): T {
  return (setIn(doc, path, value, 1, keep) ?? {}) as T;
}

const isIndex = (segment: string) => /^(0|[1-9]\d*)$/.test(segment);

function setIn(
  current: unknown,
  path: readonly string[],
  value: unknown,
  depth: number,
  keep: number,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  // Arrays stay arrays: `undefined` at an index removes that item (the list closes up).
  if (Array.isArray(current) || (current === undefined && isIndex(head))) {
    const items: unknown[] = Array.isArray(current) ? [...current] : [];
    const index = Number(head);
    const child = setIn(items[index], rest, value, depth + 1, keep);
    if (child === undefined) items.splice(index, 1);
    else items[index] = child;
    return items;
  }
  const object = isRecord(current) ? current : {};
  const child = setIn(object[head], rest, value, depth + 1, keep);
  const { [head]: _removed, ...others } = object;
  const emptied = rest.length > 0 && depth > keep && isRecord(child) && Object.keys(child).length === 0;
  return child === undefined || emptied ? others : { ...others, [head]: child };
}

export function getAt(doc: unknown, path: readonly string[]): unknown {
  let current = doc;
  for (const segment of path) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { decodePointer, type Issue, type ManifestIssue } from '@flowplane/model';

export type Segment = string | number;

/** 1-based line and column of a location in the input text. */
export interface Position {
  line: number;
  column: number;
}

/** Finds where a path of the parsed input document is written; the deepest existing ancestor otherwise. */
export type Locate = (sourcePath: readonly Segment[]) => Position | undefined;

/** A resource path prefix (`from`) and where that subtree is written in the input, relative to the frame's base. */
export interface PathMapping {
  from: readonly string[];
  to: readonly Segment[];
}

/**
 * How to find a resource's fields in its input document: the resource lives at `base`, moved subtrees
 * are listed in `mappings` (longest prefix wins), everything else keeps its path under `base`.
 */
export interface SourceFrame {
  locate?: Locate;
  base: readonly Segment[];
  mappings: readonly PathMapping[];
}

export function frame(locate: Locate | undefined, base: readonly Segment[] = []): SourceFrame {
  return { ...(locate ? { locate } : {}), base, mappings: [] };
}

export function withMappings(source: SourceFrame, mappings: readonly PathMapping[]): SourceFrame {
  return { ...source, mappings: [...source.mappings, ...mappings] };
}

/** Where the resource path `segments` is written, relative to the base. */
export function mapSegments(mappings: readonly PathMapping[], segments: readonly string[]): Segment[] {
  let best: PathMapping | undefined;
  for (const mapping of mappings) {
    const matches = mapping.from.length <= segments.length && mapping.from.every((s, i) => segments[i] === s);
    if (matches && (!best || mapping.from.length > best.from.length)) best = mapping;
  }
  return best ? [...best.to, ...segments.slice(best.from.length)] : [...segments];
}

function sourcePath(source: SourceFrame, path: string): Segment[] {
  return [...source.base, ...mapSegments(source.mappings, decodePointer(path))];
}

/** The issue with the document number and, when the input text is known, its line and column. */
export function placed(issue: Issue, document: number, source: SourceFrame): ManifestIssue {
  const position = source.locate?.(sourcePath(source, issue.path));
  return { ...issue, document, ...(position ? { line: position.line, column: position.column } : {}) };
}

/** A locator over one parsed YAML (or JSON) document. Map entries point at their key. */
export function yamlLocator(doc: Document, lineCounter: LineCounter): Locate {
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path) => {
    let node: unknown = doc.contents;
    let offset = rangeStart(node);
    for (const segment of path) {
      node = isAlias(node) ? node.resolve(doc) : node;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item: unknown = node.items[Number(segment)];
        if (item === undefined) break;
        offset = rangeStart(item) ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : at(offset);
  };
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

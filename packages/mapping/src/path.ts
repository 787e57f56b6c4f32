import { MappingSyntaxError } from './errors.ts';

export type MetadataField = 'topic' | 'user_property' | 'system_property' | 'header';

export type PathRoot =
  | { readonly kind: 'source' }
  /** `$context(alias)`: the record matched for `alias` in the datasets stage. */
  | { readonly kind: 'context'; readonly alias: string }
  /** `$context.`: the record being tested inside a dataset's own inputs. */
  | { readonly kind: 'candidate' }
  | { readonly kind: 'metadata'; readonly field: MetadataField; readonly key: string };

/** A parsed field reference as it appears in `inputs` or `output`. */
export interface FieldRef {
  /** The reference as written, without a `? $last` suffix. */
  readonly text: string;
  readonly root: PathRoot;
  /** Segments below the root (always empty for metadata). */
  readonly segments: readonly string[];
  /** Index of the `*` segment, or -1. */
  readonly wildcard: number;
  /** `? $last`: fall back to the last value seen when the field is missing. */
  readonly last: boolean;
}

export interface ParsedPath {
  readonly segments: readonly string[];
  readonly wildcard: number;
}

/**
 * Splits a dot path into segments (spec §6.2). A segment that starts with `"` (or `'`, accepted on
 * import) runs to the next matching quote and may contain dots; quotes elsewhere are literal characters.
 * `*` is a wildcard only as a whole, unquoted segment. `offset` shifts reported columns when the path
 * is a suffix of a longer reference.
 */
export function parsePath(text: string, offset = 0): ParsedPath {
  const segments: string[] = [];
  let wildcard = -1;
  const fail = (reason: string, index: number): never => {
    throw new MappingSyntaxError(reason, offset + index + 1);
  };
  if (text.length === 0) fail('empty field path', 0);
  let pos = 0;
  for (;;) {
    const c = text[pos];
    let segment: string;
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, pos + 1);
      if (end < 0) fail(`unterminated quoted segment (missing closing ${c})`, pos);
      segment = text.slice(pos + 1, end);
      pos = end + 1;
      if (pos < text.length && text[pos] !== '.') fail(`expected '.' after the quoted segment`, pos);
    } else {
      let end = text.indexOf('.', pos);
      if (end < 0) end = text.length;
      segment = text.slice(pos, end);
      if (segment.length === 0) fail('empty segment', pos);
      if (segment === '*') {
        if (wildcard >= 0) fail('only one * is allowed in a path', pos);
        wildcard = segments.length;
      } else if (segment.includes('*')) {
        fail(
          '* must stand for whole segments (quote the segment if * is part of a name)',
          pos + segment.indexOf('*'),
        );
      }
      pos = end;
    }
    segments.push(internalize(segment));
    if (pos >= text.length) break;
    pos += 1; // the '.'
    if (pos >= text.length) fail('empty segment after the trailing dot', pos - 1);
  }
  return { segments, wildcard };
}

/**
 * Returns the engine's canonical copy of a string. Segments sliced out of a path are fresh strings,
 * and V8 re-canonicalizes such a key on every property access that uses it; doing it once at compile
 * time keeps reads and writes of fixed paths on the fast path.
 */
function internalize(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/** Finds the start of a `?` suffix outside quoted segments, or -1. */
function findSuffix(text: string): number {
  let pos = 0;
  while (pos < text.length) {
    const c = text[pos];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, pos + 1);
      if (end < 0) return -1;
      pos = end + 1;
      continue;
    }
    let end = text.indexOf('.', pos);
    if (end < 0) end = text.length;
    for (let i = pos; i < end; i++) {
      if (text[i] !== '?') continue;
      const rest = text.slice(i);
      if (/^\?\s*\$last\b/i.test(rest) || rest.startsWith('??')) return i;
    }
    pos = end + 1;
  }
  return -1;
}

const LAST_SUFFIX = /^\?\s*\$last\s*$/i;
const METADATA_FIELDS: Readonly<Record<string, MetadataField>> = {
  topic: 'topic',
  user_property: 'user_property',
  // The portal's helper text writes the plural; the reference says `user_property`.
  user_properties: 'user_property',
  system_property: 'system_property',
  header: 'header',
};

export type RefRole = 'input' | 'output';

/** Parses one entry of `inputs` (with its optional `? $last`) or an `output` path. */
export function parseFieldRef(raw: string, role: RefRole): FieldRef {
  let text = raw;
  let last = false;
  const suffixAt = findSuffix(raw);
  if (suffixAt >= 0) {
    const suffix = raw.slice(suffixAt);
    if (suffix.includes('??')) {
      throw new MappingSyntaxError(
        'the `?? default` fallback is only available in data flow graphs, not in dataflow transformations',
        suffixAt + suffix.indexOf('??') + 1,
      );
    }
    if (!LAST_SUFFIX.test(suffix))
      throw new MappingSyntaxError('unexpected text after `? $last`', suffixAt + 1);
    if (role === 'output') throw new MappingSyntaxError('`? $last` is only allowed in inputs', suffixAt + 1);
    last = true;
    text = raw.slice(0, suffixAt).trimEnd();
  }
  const ref = parseRoot(text);
  if (last && ref.wildcard >= 0) {
    throw new MappingSyntaxError('`? $last` cannot be combined with a wildcard', raw.indexOf('*') + 1);
  }
  return { ...ref, text, last };
}

function parseRoot(text: string): Omit<FieldRef, 'last' | 'text'> {
  if (text === '$source' || text.startsWith('$source.')) {
    if (text === '$source') throw new MappingSyntaxError('expected `.` and a field after $source', 8);
    return { root: { kind: 'source' }, ...parsePath(text.slice(8), 8) };
  }
  if (text.startsWith('$context(')) {
    const close = text.indexOf(')', 9);
    if (close < 0) throw new MappingSyntaxError('missing `)` after the dataset alias', text.length);
    const alias = text.slice(9, close).trim();
    if (alias.length === 0) throw new MappingSyntaxError('empty dataset alias', 10);
    const rest = text.slice(close + 1);
    if (rest.length === 0) return { root: { kind: 'context', alias }, segments: [], wildcard: -1 };
    if (rest[0] !== '.') throw new MappingSyntaxError('expected `.` after the dataset alias', close + 2);
    return { root: { kind: 'context', alias }, ...parsePath(rest.slice(1), close + 2) };
  }
  if (text === '$context' || text.startsWith('$context.')) {
    if (text === '$context') {
      throw new MappingSyntaxError('expected `$context(<alias>).<field>` or `$context.<field>`', 9);
    }
    return { root: { kind: 'candidate' }, ...parsePath(text.slice(9), 9) };
  }
  if (text === '$metadata' || text.startsWith('$metadata.')) {
    if (text === '$metadata') throw new MappingSyntaxError('expected `.` and a field after $metadata', 10);
    const { segments, wildcard } = parsePath(text.slice(10), 10);
    if (wildcard >= 0) throw new MappingSyntaxError('wildcards are not allowed in $metadata references', 11);
    const [name = '', ...keyParts] = segments;
    const field = Object.hasOwn(METADATA_FIELDS, name) ? METADATA_FIELDS[name] : undefined;
    if (field === undefined) {
      throw new MappingSyntaxError(
        `unknown metadata field '${name}' (expected topic, user_property, system_property or header)`,
        11,
      );
    }
    if (field === 'topic') {
      if (keyParts.length > 0) throw new MappingSyntaxError('$metadata.topic has no sub-fields', 16);
      return { root: { kind: 'metadata', field, key: '' }, segments: [], wildcard: -1 };
    }
    if (keyParts.length === 0) {
      throw new MappingSyntaxError(
        `$metadata.${name} needs a key, e.g. $metadata.${name}.priority`,
        text.length,
      );
    }
    // A key with dots may be written unquoted; the remaining segments form the key.
    return { root: { kind: 'metadata', field, key: keyParts.join('.') }, segments: [], wildcard: -1 };
  }
  return { root: { kind: 'source' }, ...parsePath(text) };
}

/** Renders segments back to the dot syntax, quoting the ones that need it. */
export function formatPath(segments: readonly string[]): string {
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as string;
    if (i > 0) out += '.';
    out += needsQuotes(s) ? `"${s}"` : s;
  }
  return out;
}

function needsQuotes(segment: string): boolean {
  return (
    segment.length === 0 ||
    segment.includes('.') ||
    segment.includes('*') ||
    segment.startsWith('"') ||
    segment.startsWith("'") ||
    segment.startsWith('$')
  );
}

/** Renders a resolved reference for traces and error messages. */
export function formatRef(root: PathRoot, segments: readonly string[]): string {
  switch (root.kind) {
    case 'source':
      return formatPath(segments);
    case 'context':
      return segments.length === 0
        ? `$context(${root.alias})`
        : `$context(${root.alias}).${formatPath(segments)}`;
    case 'candidate':
      return `$context.${formatPath(segments)}`;
    case 'metadata':
      return root.field === 'topic' ? '$metadata.topic' : `$metadata.${root.field}.${formatPath([root.key])}`;
  }
}

import type { MetadataField } from './path.ts';
import type { MessageMetadata, PropertyList } from './types.ts';

type Pairs = [string, string][];

const EMPTY: MessageMetadata = {};

function pairsOf(list: PropertyList | undefined): Pairs {
  if (list === undefined) return [];
  if (Array.isArray(list)) return list.map(([k, v]) => [k, v]);
  return Object.entries(list as Readonly<Record<string, string>>);
}

function findProperty(list: PropertyList | undefined, key: string): string | undefined {
  if (list === undefined) return undefined;
  if (Array.isArray(list)) {
    // Duplicate keys are legal in MQTT; a read sees the first occurrence.
    for (const pair of list as readonly (readonly [string, string])[]) if (pair[0] === key) return pair[1];
    return undefined;
  }
  const record = list as Readonly<Record<string, string>>;
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function readMetadata(
  metadata: MessageMetadata | undefined,
  field: MetadataField,
  key: string,
): unknown {
  const m = metadata ?? EMPTY;
  switch (field) {
    case 'topic':
      return m.topic;
    case 'user_property':
      return findProperty(m.userProperties, key);
    case 'header':
      return findProperty(m.headers, key);
    case 'system_property': {
      const sp = m.systemProperties;
      return sp !== undefined && Object.hasOwn(sp, key) ? sp[key] : undefined;
    }
  }
}

/** Metadata values are strings on the wire; other JSON values are written in their JSON text form. */
function metadataString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

/** Copy-on-write view of the output metadata, materialized only when a rule writes to it. */
export class MetadataDraft {
  private readonly source: MessageMetadata | undefined;
  private topic: string | undefined;
  private userProperties: Pairs | undefined;
  private headers: Pairs | undefined;
  private systemProperties: Record<string, string> | undefined;
  private topicTouched = false;
  private touched = false;

  constructor(source: MessageMetadata | undefined) {
    this.source = source;
  }

  /** Sets (or with `undefined`, removes) a value; a key written here replaces every entry with that key. */
  write(field: MetadataField, key: string, value: unknown): void {
    this.touched = true;
    const text = value === undefined ? undefined : metadataString(value);
    switch (field) {
      case 'topic':
        this.topicTouched = true;
        this.topic = text;
        return;
      case 'user_property':
        this.userProperties = replace(this.userProperties ?? pairsOf(this.source?.userProperties), key, text);
        return;
      case 'header':
        this.headers = replace(this.headers ?? pairsOf(this.source?.headers), key, text);
        return;
      case 'system_property': {
        const sp = this.systemProperties ?? { ...this.source?.systemProperties };
        if (text === undefined) Reflect.deleteProperty(sp, key);
        else
          Object.defineProperty(sp, key, {
            value: text,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        this.systemProperties = sp;
        return;
      }
    }
  }

  /** The output metadata: the input object itself when nothing was written. */
  result(): MessageMetadata | undefined {
    if (!this.touched) return this.source;
    const out: {
      topic?: string;
      userProperties?: PropertyList;
      systemProperties?: Readonly<Record<string, string>>;
      headers?: PropertyList;
    } = { ...this.source };
    if (this.topicTouched) {
      if (this.topic === undefined) delete out.topic;
      else out.topic = this.topic;
    }
    if (this.userProperties !== undefined) out.userProperties = this.userProperties;
    if (this.headers !== undefined) out.headers = this.headers;
    if (this.systemProperties !== undefined) out.systemProperties = this.systemProperties;
    return out;
  }
}

function replace(pairs: Pairs, key: string, value: string | undefined): Pairs {
  const kept = pairs.filter(([k]) => k !== key);
  if (value !== undefined) kept.push([key, value]);
  return kept;
}

import { parseDatasetRecords, type Message, type MessageMetadata } from '@flowplane/mapping';
import { parse as parseYaml } from 'yaml';

export type ParsedLine = { ok: true; message: Message } | { ok: false; reason: string };

/** One input line: a JSON payload, or with `envelope` a `{payload, metadata}` object. */
export function parseMessageLine(
  line: string,
  metadata: MessageMetadata | undefined,
  envelope: boolean,
): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!envelope) return { ok: true, message: metadata ? { payload: value, metadata } : { payload: value } };
  if (typeof value !== 'object' || value === null || !('payload' in value)) {
    return { ok: false, reason: 'with --envelope each line is {"payload": ..., "metadata": {...}}' };
  }
  const { payload, metadata: own } = value as { payload: unknown; metadata?: unknown };
  const merged = { ...metadata, ...(isObject(own) ? (own as MessageMetadata) : {}) };
  return { ok: true, message: { payload, metadata: merged } };
}

export function parseMetadata(text: string | undefined): MessageMetadata | undefined {
  if (text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  if (!isObject(value))
    throw new TypeError('--metadata must be a JSON object such as {"topic": "factory/1"}');
  return value as MessageMetadata;
}

/**
 * Dataset records by state-store key, from YAML or JSON: `{key: [records]}`, or `{key: "<NDJSON>"}`
 * as the state store holds them.
 */
export function parseDatasets(text: string): Record<string, readonly unknown[]> {
  const value: unknown = parseYaml(text);
  if (!isObject(value)) throw new TypeError('a datasets file maps state-store keys to records');
  const table: Record<string, readonly unknown[]> = {};
  for (const [key, records] of Object.entries(value)) {
    if (Array.isArray(records)) table[key] = records;
    else if (typeof records === 'string') table[key] = parseDatasetRecords(records);
    else throw new TypeError(`dataset "${key}" must be a list of records or NDJSON text`);
  }
  return table;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

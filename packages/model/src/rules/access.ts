import { isRecord } from '../resource.ts';

/** Rules run on documents that may have failed schema validation, so every read is checked. */
export const obj = (value: unknown): Record<string, unknown> | undefined =>
  isRecord(value) ? value : undefined;
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

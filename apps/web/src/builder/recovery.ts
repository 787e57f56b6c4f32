import { isRecord, type Dataflow } from '@flowplane/model';

/**
 * Unsaved builder work kept in the browser (localStorage), so a reload, a closed tab or a click elsewhere
 * loses nothing: the builder offers it back when the same dataflow is opened again.
 */
export interface Recovery {
  doc: Dataflow;
  /** The stored version the work started from (undefined for a new dataflow). */
  baseVersion: string | undefined;
  /** RFC 3339 time of the last unsaved change. */
  at: string;
}

export function recoveryKey(instance: string, name: string | undefined): string {
  return `flowplane.builder.${instance}.${name ?? '(new)'}`;
}

// Storage can be full, disabled or blocked (private modes): recovery is then simply not offered.
export function writeRecovery(key: string, recovery: Recovery): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(recovery));
  } catch {
    // Nothing to do: the work is still in the page.
  }
}

export function clearRecovery(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // As above.
  }
}

/** What was kept, read defensively (another version of the portal may have written it). */
export function readRecovery(key: string): Recovery | undefined {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(key) ?? 'null');
    if (!isRecord(value) || typeof value.at !== 'string' || !isRecord(value.doc)) return undefined;
    const doc = value.doc;
    if (doc.kind !== 'Dataflow' || !isRecord(doc.metadata) || !isRecord(doc.spec)) return undefined;
    if (!Array.isArray(doc.spec.operations)) return undefined;
    return {
      doc: doc as unknown as Dataflow,
      baseVersion: typeof value.baseVersion === 'string' ? value.baseVersion : undefined,
      at: value.at,
    };
  } catch {
    return undefined;
  }
}

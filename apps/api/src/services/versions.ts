import { ConflictError, PreconditionFailedError } from '@flowplane/model';

/** The ETag of a stored version: its resourceVersion, quoted (a strong validator). */
export function etagOf(resourceVersion: string | bigint): string {
  return `"${String(resourceVersion)}"`;
}

/**
 * Checks what the caller believes is current (an If-Match header, or metadata.resourceVersion of the body
 * as Kubernetes does) against what is stored. `*` matches any existing version.
 */
export function checkPrecondition(expected: string | undefined, current: bigint, what: string): void {
  if (expected === undefined) return;
  const tags = expected.split(',').map((tag) =>
    tag
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1'),
  );
  if (tags.includes('*') || tags.includes(String(current))) return;
  throw new PreconditionFailedError(
    `${what} was changed by someone else: you sent version ${tags.join(', ')}, the current version is ${String(current)}. Fetch it again and reapply your change.`,
    String(current),
  );
}

/** A write lost a race it did not ask to be protected from; the caller retries it. */
export class WriteRaceError extends Error {
  override name = 'WriteRaceError';
}

/** Runs an unconditional write again when a concurrent write got there first. */
export async function retryRaces<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WriteRaceError)) throw error;
      if (i >= attempts)
        throw new ConflictError('The resource is being changed by others right now; try again.');
    }
  }
}

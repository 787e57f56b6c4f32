import type { Issue } from './issues.ts';
import type { ResourceKey } from './resource.ts';

/**
 * Domain errors without HTTP knowledge; the API translates them to status codes in one place.
 */
export class FlowplaneError extends Error {
  override name = 'FlowplaneError';
}

/** The input is malformed or breaks the rules; `issues` say where. */
export class InputError extends FlowplaneError {
  override name = 'InputError';
  readonly issues: readonly Issue[];
  constructor(message: string, issues: readonly Issue[] = []) {
    super(message);
    this.issues = issues;
  }
}

export class NotFoundError extends FlowplaneError {
  override name = 'NotFoundError';
}

export class ConflictError extends FlowplaneError {
  override name = 'ConflictError';
}

/** Well-formed input that breaks a rule (references, the local broker, ...); `issues` say where. */
export class RuleViolationError extends InputError {
  override name = 'RuleViolationError';
}

/** The caller edited a version that is no longer current (If-Match or metadata.resourceVersion). */
export class PreconditionFailedError extends FlowplaneError {
  override name = 'PreconditionFailedError';
  readonly currentVersion: string | undefined;
  constructor(message: string, currentVersion: string | undefined) {
    super(message);
    this.currentVersion = currentVersion;
  }
}

/** Deleting something other resources still use; `usedBy` names them. */
export class InUseError extends ConflictError {
  override name = 'InUseError';
  readonly usedBy: readonly ResourceKey[];
  constructor(message: string, usedBy: readonly ResourceKey[]) {
    super(message);
    this.usedBy = usedBy;
  }
}

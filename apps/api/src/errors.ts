import { ConflictError, FlowplaneError, InputError, type ResourceKey } from '@flowplane/model';

/*
 * Domain errors the model does not define yet (candidates for packages/model/src/errors.ts). Like the
 * model's, they know nothing of HTTP: plugins/app/problems.ts maps every error class to a status once.
 */

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

import type { Issue } from './issues.ts';

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

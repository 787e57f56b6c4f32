import type { CompileIssue } from './types.ts';

/** Base class of every error this package throws. */
export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingError';
  }
}

/** A field path or expression that cannot be parsed; `column` is 1-based in the parsed text. */
export class MappingSyntaxError extends MappingError {
  readonly column: number;
  readonly reason: string;

  constructor(reason: string, column: number) {
    super(`${reason} (column ${column})`);
    this.name = 'MappingSyntaxError';
    this.reason = reason;
    this.column = column;
  }
}

/** A transformation that cannot be compiled; `issues` lists every problem found, not only the first. */
export class MappingCompileError extends MappingError {
  readonly issues: readonly CompileIssue[];

  constructor(issues: readonly CompileIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super(first ? `${first.pointer}: ${first.message}${more}` : 'invalid transformation');
    this.name = 'MappingCompileError';
    this.issues = issues;
  }
}

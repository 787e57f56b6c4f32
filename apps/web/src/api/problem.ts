import type { ResourceKey } from '@flowplane/model';

// Not the model's isRecord: importing a value from @flowplane/model would pull its schemas into the first chunk.
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One bad field of a problem (the API's IssueSchema); `code` stays a string so unknown codes survive. */
export interface ProblemIssue {
  path: string;
  code: string;
  message: string;
  severity?: 'error' | 'warning';
  /** Bundles (import, validate): the resource, the 0-based document and the place in the text. */
  resource?: ResourceKey;
  document?: number;
  line?: number;
  column?: number;
}

export interface ProblemFields {
  status: number;
  title: string;
  detail?: string;
  type?: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemIssue[];
  usedBy?: ResourceKey[];
  currentResourceVersion?: string;
}

/**
 * A failed API call as RFC 9457 problem details. Non-problem failures (a proxy's HTML page, a network error)
 * become one too, so the UI has a single error shape to show.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly instance: string | undefined;
  readonly requestId: string | undefined;
  readonly errors: readonly ProblemIssue[];
  readonly usedBy: readonly ResourceKey[];
  readonly currentResourceVersion: string | undefined;

  constructor(fields: ProblemFields) {
    super(fields.detail ?? fields.title);
    this.name = 'ApiProblem';
    this.status = fields.status;
    this.title = fields.title;
    this.detail = fields.detail;
    this.type = fields.type;
    this.instance = fields.instance;
    this.requestId = fields.requestId;
    this.errors = fields.errors ?? [];
    this.usedBy = fields.usedBy ?? [];
    this.currentResourceVersion = fields.currentResourceVersion;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

export function issuesOf(value: unknown): ProblemIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry)) return [];
    const path = text(entry.path);
    const code = text(entry.code);
    const message = text(entry.message);
    if (path === undefined || code === undefined || message === undefined) return [];
    const severity = entry.severity === 'error' || entry.severity === 'warning' ? entry.severity : undefined;
    const [resource] = keysOf([entry.resource]);
    const document = count(entry.document);
    const line = count(entry.line);
    const column = count(entry.column);
    return [
      {
        path,
        code,
        message,
        ...(severity ? { severity } : {}),
        ...(resource ? { resource } : {}),
        ...(document !== undefined ? { document } : {}),
        ...(line !== undefined ? { line } : {}),
        ...(column !== undefined ? { column } : {}),
      },
    ];
  });
}

function keysOf(value: unknown): ResourceKey[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry)) return [];
    const kind = text(entry.kind);
    const name = text(entry.name);
    return kind !== undefined && name !== undefined ? [{ kind, name }] : [];
  });
}

/** Reads a problem+json body defensively: the HTTP status wins over a missing or odd `status` member. */
export function problemFromBody(status: number, statusText: string, body: unknown): ApiProblem {
  if (!isRecord(body)) {
    return new ApiProblem({ status, title: statusText || `HTTP ${status}` });
  }
  return new ApiProblem({
    status: typeof body.status === 'number' ? body.status : status,
    title: text(body.title) ?? (statusText || `HTTP ${status}`),
    detail: text(body.detail),
    type: text(body.type),
    instance: text(body.instance),
    requestId: text(body.requestId),
    errors: issuesOf(body.errors),
    usedBy: keysOf(body.usedBy),
    currentResourceVersion: text(body.currentResourceVersion),
  });
}

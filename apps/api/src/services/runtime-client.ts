import { isRecord } from '@flowplane/model';
import type { Static } from 'typebox';
import type { DeploymentIssue, RuntimePlanEntry } from '../repositories/deployments.ts';
import type { RuntimeDataflowSchema } from '../schemas.ts';

/*
 * The API's side of the runtime's control API (apps/runtime/src/app.ts): `PUT /v1/desired` and
 * `GET /v1/status`, over fetch. Replies are checked for the few fields the API relies on; anything else
 * the runtime sends is passed on as it is.
 */

/** How long a deploy waits for the runtime (it waits up to 10 s itself for pipelines to connect). */
export const APPLY_TIMEOUT_MS = 30_000;
export const STATUS_TIMEOUT_MS = 5_000;

/** One dataflow of the runtime's status, as the API documents it (passed on unchanged). */
export type RuntimeDataflow = Static<typeof RuntimeDataflowSchema>;

export type RuntimeFailure = 'unreachable' | 'timeout' | 'bad-reply';

/** The runtime did not answer, or answered something the API cannot use (502, or 504 for a timeout). */
export class RuntimeUnavailableError extends Error {
  override name = 'RuntimeUnavailableError';
  readonly target: string;
  readonly failure: RuntimeFailure;
  /** The deployment recorded for the failed attempt, when there was one. */
  deployment: number | undefined;
  constructor(target: string, failure: RuntimeFailure, message: string) {
    super(message);
    this.target = target;
    this.failure = failure;
  }
}

/** One field of the runtime's problem or warning lists: `path` is `/<index in the set><pointer>`. */
interface RuntimeField {
  path: string;
  code: string;
  message: string;
  resource?: string;
}

export type ApplyReply =
  | {
      applied: true;
      plan: RuntimePlanEntry[];
      warnings: DeploymentIssue[];
      dataflows: RuntimeDataflow[];
    }
  | { applied: false; detail: string; errors: DeploymentIssue[]; warnings: DeploymentIssue[] };

export interface RuntimeStatusReply {
  startedAt: string;
  replica?: number;
  localBroker?: string;
  dataflows: RuntimeDataflow[];
}

export interface RuntimeClient {
  apply(target: string, resources: readonly unknown[]): Promise<ApplyReply>;
  status(target: string): Promise<RuntimeStatusReply>;
}

export function createRuntimeClient(
  options: { applyTimeoutMs?: number; statusTimeoutMs?: number } = {},
): RuntimeClient {
  const applyTimeout = options.applyTimeoutMs ?? APPLY_TIMEOUT_MS;
  const statusTimeout = options.statusTimeoutMs ?? STATUS_TIMEOUT_MS;
  return {
    async apply(target, resources) {
      const { status, body } = await call(target, '/v1/desired', applyTimeout, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(resources),
      });
      if (status === 200 && isRecord(body) && Array.isArray(body.plan)) {
        return {
          applied: true,
          plan: body.plan.filter(isPlanEntry),
          warnings: fields(body.warnings, 'warning'),
          dataflows: Array.isArray(body.dataflows) ? (body.dataflows as RuntimeDataflow[]) : [],
        };
      }
      if (status === 422 && isRecord(body) && Array.isArray(body.errors)) {
        return {
          applied: false,
          detail: typeof body.detail === 'string' ? body.detail : 'the set was refused',
          errors: fields(body.errors, 'error'),
          warnings: fields(body.warnings, 'warning'),
        };
      }
      throw badReply(target, '/v1/desired', status, body);
    },

    async status(target) {
      const { status, body } = await call(target, '/v1/status', statusTimeout, { method: 'GET' });
      if (
        status === 200 &&
        isRecord(body) &&
        typeof body.startedAt === 'string' &&
        Array.isArray(body.dataflows)
      ) {
        return body as unknown as RuntimeStatusReply;
      }
      throw badReply(target, '/v1/status', status, body);
    },
  };
}

async function call(
  target: string,
  path: string,
  timeoutMs: number,
  init: RequestInit,
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(`${target}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new RuntimeUnavailableError(
        target,
        'timeout',
        `The runtime at ${target} did not answer ${init.method} ${path} within ${timeoutMs / 1000} s.`,
      );
    }
    throw new RuntimeUnavailableError(
      target,
      'unreachable',
      `The runtime at ${target} cannot be reached: ${causeOf(error)}.`,
    );
  }
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: reported as a bad reply below, with the text.
  }
  return { status: response.status, body };
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code)
      ? `${code} ${cause.message}`
      : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function badReply(target: string, path: string, status: number, body: unknown): RuntimeUnavailableError {
  const said =
    isRecord(body) && typeof body.detail === 'string'
      ? `: ${body.detail}`
      : typeof body === 'string' && body !== ''
        ? `: ${body.slice(0, 200)}`
        : '';
  return new RuntimeUnavailableError(
    target,
    'bad-reply',
    `The runtime at ${target} answered ${path} with ${status}${said}.`,
  );
}

function isPlanEntry(value: unknown): value is RuntimePlanEntry {
  return isRecord(value) && typeof value.name === 'string' && typeof value.action === 'string';
}

/** The runtime's fields as the API's issues: the pointer within the resource, the resource, its index. */
function fields(value: unknown, severity: 'error' | 'warning'): DeploymentIssue[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((f): f is RuntimeField => isRecord(f) && typeof f.path === 'string')
    .map((f) => {
      const resource = typeof f.resource === 'string' ? /^([^/]+)\/(.+)$/.exec(f.resource) : null;
      const indexed = resource ? /^\/(\d+)(\/.*)?$/.exec(f.path) : null;
      return {
        path: indexed ? (indexed[2] ?? '') : f.path,
        code: String(f.code),
        message: String(f.message),
        severity,
        ...(resource ? { resource: { kind: resource[1]!, name: resource[2]! } } : {}),
        ...(indexed ? { document: Number(indexed[1]) } : {}),
      };
    });
}

import type { ResourceKey } from '@flowplane/model';
import { formatIssues, type ReportedIssue } from './format.ts';
import { UsageError, type CliIo } from './io.ts';

/** Where the online commands send their requests. */
export interface ApiTarget {
  server: string;
  instance: string;
  token: string | undefined;
}

export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

/** Options every online command takes, with their environment fallbacks. */
export const SERVER_OPTIONS = {
  server: { type: 'string' },
  instance: { type: 'string' },
} as const;

export const serverHelp = `      --server URL        Flowplane API (default $FLOWPLANE_SERVER or ${DEFAULT_SERVER})
      --instance NAME     instance (default $FLOWPLANE_INSTANCE or "default")
The bearer token comes from $FLOWPLANE_API_TOKEN when the server needs one.`;

export function apiTarget(
  values: { server?: string | undefined; instance?: string | undefined },
  io: CliIo,
): ApiTarget {
  const server = (values.server ?? io.env.FLOWPLANE_SERVER ?? DEFAULT_SERVER).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(server))
    throw new UsageError(`--server must be an http(s) URL; got "${server}".`);
  const instance = values.instance ?? io.env.FLOWPLANE_INSTANCE ?? 'default';
  const token = io.env.FLOWPLANE_API_TOKEN;
  return { server, instance, token: token === '' ? undefined : token };
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ReportedIssue[];
  usedBy?: ResourceKey[];
  currentResourceVersion?: string;
}

/** The server answered with an error status; `problem` holds its problem details when it sent them. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly problem: Problem | undefined;
  constructor(status: number, problem: Problem | undefined, fallback: string) {
    super(problem?.detail ?? fallback);
    this.status = status;
    this.problem = problem;
  }
}

/** The server could not be reached at all. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** One request to the instance's part of the API (`path` is below /api/v1/instances/<instance>). */
export async function callApi(
  target: ApiTarget,
  method: string,
  path: string,
  options: { body?: string; contentType?: string; query?: Record<string, string | undefined> } = {},
): Promise<ApiResponse> {
  const url = new URL(`${target.server}/api/v1/instances/${encodeURIComponent(target.instance)}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json, */*' };
  if (options.contentType) headers['content-type'] = options.contentType;
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new ConnectionError(
      `Cannot reach the Flowplane API at ${target.server} (${reason}). Is it running? (pnpm start)`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    let problem: Problem | undefined;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        problem = JSON.parse(text) as Problem;
      } catch {
        problem = undefined;
      }
    }
    throw new ApiError(response.status, problem, `${method} ${url.pathname} answered ${response.status}.`);
  }
  return { status: response.status, headers: response.headers, text };
}

/** A problem as people read it: status and title, the detail, then every bad field or user. */
export function formatProblem(error: ApiError, io: CliIo): string {
  const problem = error.problem;
  const lines = [`${error.status} ${problem?.title ?? 'Error'}: ${error.message}`];
  for (const user of problem?.usedBy ?? []) lines.push(`  used by ${user.kind}/${user.name}`);
  const text = lines.join('\n') + '\n';
  return problem?.errors?.length ? text + formatIssues(problem.errors, io.env) : text;
}

/** Runs an online command body, printing API and connection failures; exit 1 refused, 2 unreachable. */
export async function reportingFailures(
  io: CliIo,
  name: string,
  run: () => Promise<number>,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError) {
      io.stderr(`flowplane ${name}: ${formatProblem(error, io)}`);
      return error.status === 401 || error.status >= 500 ? 2 : 1;
    }
    if (error instanceof ConnectionError) {
      io.stderr(`flowplane ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Resource kinds by the words people type. */
export const KIND_WORDS: Record<string, { segment: string; kind: string }> = {
  endpoint: { segment: 'endpoints', kind: 'DataflowEndpoint' },
  endpoints: { segment: 'endpoints', kind: 'DataflowEndpoint' },
  ep: { segment: 'endpoints', kind: 'DataflowEndpoint' },
  profile: { segment: 'profiles', kind: 'DataflowProfile' },
  profiles: { segment: 'profiles', kind: 'DataflowProfile' },
  dataflow: { segment: 'dataflows', kind: 'Dataflow' },
  dataflows: { segment: 'dataflows', kind: 'Dataflow' },
  df: { segment: 'dataflows', kind: 'Dataflow' },
  graph: { segment: 'graphs', kind: 'DataflowGraph' },
  graphs: { segment: 'graphs', kind: 'DataflowGraph' },
};

export function kindOf(word: string | undefined): { segment: string; kind: string } {
  const found = word === undefined ? undefined : KIND_WORDS[word.toLowerCase()];
  if (!found) {
    throw new UsageError(
      `the kind is one of endpoints, profiles, dataflows, graphs${word ? `; got "${word}"` : ''}.`,
    );
  }
  return found;
}

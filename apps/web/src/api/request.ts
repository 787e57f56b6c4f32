import { ApiProblem, problemFromBody } from './problem.ts';

/** Same origin: the API serves the app in production and Vite proxies /api in development. */
export const API_BASE = '/api/v1';

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (manifest text: YAML, ARM JSON), with its content type. */
  text?: { body: string; contentType: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** Path segment for a user-provided name. */
export function segment(name: string): string {
  return encodeURIComponent(name);
}

async function bodyOf(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The one way the app talks to the API: resolves with the response, rejects with an ApiProblem for every
 * failure, including a failed network.
 */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept };
  if (options.text !== undefined) headers['content-type'] = options.text.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers: { ...headers, ...options.headers },
      body: options.text?.body ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem({
      status: 0,
      title: 'The server cannot be reached',
      detail: 'Check that the Flowplane API is running, then try again.',
    });
  }
  if (!response.ok) throw problemFromBody(response.status, response.statusText, await bodyOf(response));
  return response;
}

/**
 * A JSON call: resolves with the parsed body (undefined for 204).
 *
 * The type parameter is trusted, not checked: the API validates its replies against the same model schemas.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json, application/problem+json');
  return (await bodyOf(response)) as T;
}

/** A call whose answer is text (an export: YAML, ARM JSON, Bicep), with its content type. */
export async function requestText(
  path: string,
  options: RequestOptions = {},
): Promise<{ text: string; contentType: string }> {
  const response = await send(path, options, '*/*');
  return { text: await response.text(), contentType: response.headers.get('content-type') ?? 'text/plain' };
}

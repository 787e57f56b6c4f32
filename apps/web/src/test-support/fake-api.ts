import { API_VERSION, type DataflowEndpoint, type DataflowEndpointSpec } from '@flowplane/model';
import { vi } from 'vitest';

export interface FakeCall {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Reply = { status: number; body?: unknown; contentType?: string };
type Handler = (call: FakeCall) => Reply;

export function json(body: unknown, status = 200): Reply {
  return { status, body };
}

export function problem(status: number, body: Record<string, unknown>): Reply {
  return { status, body, contentType: 'application/problem+json' };
}

/** A text reply (an export) with its content type. */
export function text(body: string, contentType: string, status = 200): Reply {
  return { status, body, contentType };
}

const isJson = (contentType: string | null | undefined) =>
  contentType == null || contentType.includes('json');

/** `GET /api/v1/instances/<name>` answers from the fake's instance list, as the API would. */
function listedInstance(routes: Record<string, Handler | Reply>, method: string, path: string) {
  const match = /^\/api\/v1\/instances\/([^/]+)$/.exec(path);
  const list = routes['GET /api/v1/instances'];
  if (method !== 'GET' || match === null || list === undefined || typeof list === 'function')
    return undefined;
  const items = (list.body as { items?: { name: string }[] } | undefined)?.items ?? [];
  const found = items.find((item) => item.name === decodeURIComponent(match[1]!));
  return found === undefined ? undefined : json(found);
}

/**
 * A fake of the API at the fetch boundary: routes are "METHOD /path" (path without the query string), and
 * every call is recorded. An unrouted call answers 404 problem+json, as the API would.
 */
export function installFakeFetch(routes: Record<string, Handler | Reply>) {
  const calls: FakeCall[] = [];
  const fake = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://flowplane.test');
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    // JSON bodies arrive parsed; manifest text (YAML) arrives as it was sent.
    const body: unknown =
      typeof init.body !== 'string'
        ? undefined
        : isJson(headers.get('content-type'))
          ? JSON.parse(init.body)
          : init.body;
    const call = { method, url, headers, body };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`] ?? listedInstance(routes, method, url.pathname);
    const reply =
      route === undefined
        ? problem(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route.' })
        : typeof route === 'function'
          ? route(call)
          : route;
    const payload =
      reply.body === undefined
        ? null
        : typeof reply.body === 'string' && reply.contentType !== undefined
          ? reply.body
          : JSON.stringify(reply.body);
    return new Response(payload, {
      status: reply.status,
      headers: reply.body === undefined ? {} : { 'content-type': reply.contentType ?? 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fake);
  return { calls, fetch: fake };
}

export function instance(name: string) {
  return {
    name,
    namespace: 'azure-iot-operations',
    uid: `uid-${name}`,
    resourceVersion: '1',
    creationTimestamp: '2026-11-01T10:00:00.000Z',
  };
}

export function endpoint(
  name: string,
  spec: DataflowEndpointSpec,
  usage?: { dataflows: number; graphs: number },
): DataflowEndpoint {
  return {
    apiVersion: API_VERSION,
    kind: 'DataflowEndpoint',
    metadata: {
      name,
      namespace: 'azure-iot-operations',
      resourceVersion: '3',
      creationTimestamp: '2026-11-02T09:30:00.000Z',
    },
    spec,
    ...(usage ? { status: { usage } } : {}),
  };
}

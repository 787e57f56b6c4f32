import { describe, expect, it } from 'vitest';
import { deleteEndpoint, listEndpoints, replaceEndpoint } from './endpoints.ts';
import { ApiProblem } from './problem.ts';
import { request } from './request.ts';
import { endpoint, installFakeFetch, json, problem } from '../test-support/fake-api.ts';

describe('request', () => {
  it('turns problem+json into an ApiProblem with every bad field', async () => {
    installFakeFetch({
      'POST /api/v1/instances/default/endpoints': problem(422, {
        type: 'urn:flowplane:problem:rule-violation',
        title: 'Rules violated',
        status: 422,
        detail: 'The endpoint breaks 1 rule.',
        requestId: 'req-7',
        errors: [
          { path: '/spec/mqttSettings/host', code: 'host.port.missing', message: 'Add a port.', in: 'body' },
          { path: 42, code: 'broken', message: 'dropped: path is not a string' },
        ],
      }),
    });

    const error = await request('/instances/default/endpoints', { method: 'POST', body: {} }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({
      status: 422,
      title: 'Rules violated',
      detail: 'The endpoint breaks 1 rule.',
      message: 'The endpoint breaks 1 rule.',
      type: 'urn:flowplane:problem:rule-violation',
      requestId: 'req-7',
      errors: [{ path: '/spec/mqttSettings/host', code: 'host.port.missing', message: 'Add a port.' }],
    });
  });

  it('keeps usedBy of a refused delete and currentResourceVersion of a stale write', async () => {
    installFakeFetch({
      'DELETE /api/v1/instances/default/endpoints/kafka': problem(409, {
        title: 'In use',
        status: 409,
        detail: 'Used by 1 dataflow.',
        usedBy: [{ kind: 'Dataflow', name: 'to-cloud' }],
      }),
      'PUT /api/v1/instances/default/endpoints/kafka': problem(412, {
        title: 'Precondition failed',
        status: 412,
        detail: 'Someone else changed it.',
        currentResourceVersion: '9',
      }),
    });

    await expect(deleteEndpoint('default', 'kafka')).rejects.toMatchObject({
      status: 409,
      usedBy: [{ kind: 'Dataflow', name: 'to-cloud' }],
    });
    await expect(
      replaceEndpoint(
        'default',
        endpoint('kafka', {
          endpointType: 'LocalStorage',
          localStorageSettings: { persistentVolumeClaimRef: 'pvc' },
        }),
      ),
    ).rejects.toMatchObject({ status: 412, currentResourceVersion: '9' });
  });

  it('gives a non-JSON failure (a proxy error page) the HTTP status and reason', async () => {
    const fake = installFakeFetch({});
    fake.fetch.mockResolvedValueOnce(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );

    await expect(request('/instances')).rejects.toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      errors: [],
    });
  });

  it('reports an unreachable server as status 0 with what to do', async () => {
    const fake = installFakeFetch({});
    fake.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));

    await expect(request('/instances')).rejects.toMatchObject({
      status: 0,
      title: 'The server cannot be reached',
    });
  });

  it('sends list filters as the query string and If-Match on replace', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/instances/plant%203/endpoints': json({
        kind: 'DataflowEndpointList',
        items: [],
        nextCursor: null,
      }),
      'PUT /api/v1/instances/default/endpoints/store': (call) => json(call.body),
    });

    await listEndpoints('plant 3', { type: 'Kafka', q: 'hub', limit: 50, cursor: undefined });
    const stored = endpoint('store', {
      endpointType: 'LocalStorage',
      localStorageSettings: { persistentVolumeClaimRef: 'pvc' },
    });
    await expect(replaceEndpoint('default', stored)).resolves.toEqual(stored);

    expect(fake.calls[0]!.url.search).toBe('?type=Kafka&q=hub&limit=50');
    expect(fake.calls[1]!.headers.get('if-match')).toBe('3');
    expect(fake.calls[1]!.headers.get('content-type')).toBe('application/json');
  });

  it('resolves a 204 with undefined', async () => {
    installFakeFetch({ 'DELETE /api/v1/instances/default/endpoints/old': { status: 204 } });

    await expect(deleteEndpoint('default', 'old')).resolves.toBeUndefined();
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { CliIo } from '../io.ts';
import { applyCommand } from './apply.ts';
import { deleteCommand } from './delete.ts';
import { exportCommand } from './export.ts';
import { getCommand } from './get.ts';

/*
 * The online commands are thin clients: these tests check their side of the wire contract (method, path,
 * query, headers, body) against a fake of the Flowplane API that answers as the real one does (its
 * integration tests in apps/api pin those answers), and how they print what comes back.
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[];
let answer: (request: Seen) => { status: number; type?: string; body: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const problem = (status: number, extra: object) => ({
  status,
  type: 'application/problem+json',
  body: JSON.stringify({ type: 'urn:flowplane:problem:x', title: 'Rules violated', status, ...extra }),
});

async function run(
  command: (args: string[], io: CliIo) => Promise<number>,
  args: string[],
  files: Record<string, string> = {},
  env: Record<string, string> = {},
) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => Promise.resolve(files['-'] ?? ''),
    readFile: (path) =>
      path in files
        ? Promise.resolve(files[path]!)
        : Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' })),
    env: { FLOWPLANE_SERVER: base, ...env },
  };
  const code = await command(args, io);
  return { code, stdout, stderr };
}

const ENDPOINT = `apiVersion: connectivity.iotoperations.azure.com/v1
kind: DataflowEndpoint
metadata:
  name: cloud
spec:
  endpointType: Mqtt
  mqttSettings:
    host: broker.example.com:8883
    authentication:
      method: Anonymous
      anonymousSettings: {}
`;

describe('apply', () => {
  test('sends every file as one import and prints the plan', async () => {
    answer = () => ({
      status: 200,
      body: JSON.stringify({
        dryRun: false,
        valid: true,
        plan: [
          { kind: 'DataflowEndpoint', name: 'cloud', action: 'create', document: 0 },
          { kind: 'DataflowProfile', name: 'p-1', action: 'unchanged', document: 1 },
        ],
        issues: [],
      }),
    });
    const profile = ENDPOINT.replace('DataflowEndpoint', 'DataflowProfile')
      .replace(/spec:[\s\S]*/, 'spec:\n  instanceCount: 1\n')
      .replace('cloud', 'p-1');
    const out = await run(
      applyCommand,
      ['-f', 'a.yaml', '-f', 'b.yaml', '--instance', 'plant'],
      { 'a.yaml': ENDPOINT, 'b.yaml': profile },
      { FLOWPLANE_API_TOKEN: 'secret-token-123456' },
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('DataflowEndpoint/cloud created\nDataflowProfile/p-1 unchanged\n');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/instances/plant/import' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers.authorization).toBe('Bearer secret-token-123456');
    expect(JSON.parse(seen[0]!.body).map((r: { metadata: { name: string } }) => r.metadata.name)).toEqual([
      'cloud',
      'p-1',
    ]);
  });

  test('--dry-run asks for the plan', async () => {
    answer = () => ({
      status: 200,
      body: JSON.stringify({
        dryRun: true,
        valid: true,
        plan: [{ kind: 'DataflowEndpoint', name: 'cloud', action: 'update', document: 0 }],
        issues: [],
      }),
    });
    const out = await run(applyCommand, ['-f', 'a.yaml', '--dry-run'], { 'a.yaml': ENDPOINT });
    expect(seen[0]!.url).toBe('/api/v1/instances/default/import?dryRun=true');
    expect(out.stdout).toBe('DataflowEndpoint/cloud would be updated\n');
  });

  test('a refusal prints the problem with each field, naming the file', async () => {
    answer = () =>
      problem(422, {
        detail: 'Nothing was imported: some resources break rules.',
        errors: [
          {
            path: '/spec/mqttSettings/host',
            code: 'host.port.missing',
            message: 'MQTT hosts need a :port.',
            severity: 'error',
            document: 0,
            resource: { kind: 'DataflowEndpoint', name: 'cloud' },
          },
        ],
      });
    const out = await run(applyCommand, ['-f', 'a.yaml'], { 'a.yaml': ENDPOINT });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('flowplane apply: 422 Rules violated: Nothing was imported');
    expect(out.stderr).toContain('DataflowEndpoint/cloud');
    expect(out.stderr).toContain('/spec/mqttSettings/host  MQTT hosts need a :port. [host.port.missing]');
  });

  test('unreadable files and an unreachable server exit 2', async () => {
    expect((await run(applyCommand, ['-f', 'missing.yaml'])).code).toBe(2);
    const down = await run(
      applyCommand,
      ['-f', 'a.yaml'],
      { 'a.yaml': ENDPOINT },
      { FLOWPLANE_SERVER: 'http://127.0.0.1:9' },
    );
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('Cannot reach the Flowplane API at http://127.0.0.1:9');
  });
});

describe('get', () => {
  test('lists through every page as a table', async () => {
    answer = (request) =>
      request.url.includes('cursor=')
        ? {
            status: 200,
            body: JSON.stringify({
              items: [
                {
                  metadata: { name: 'second' },
                  spec: { endpointType: 'Kafka', kafkaSettings: { host: 'k:9093' } },
                  status: { usage: { dataflows: 0, graphs: 0 } },
                },
              ],
              nextCursor: null,
            }),
          }
        : {
            status: 200,
            body: JSON.stringify({
              items: [
                {
                  metadata: { name: 'first' },
                  spec: { endpointType: 'Mqtt', mqttSettings: { host: 'aio-broker:18883' } },
                  status: { usage: { dataflows: 2, graphs: 1 } },
                },
              ],
              nextCursor: 'c2Vjb25k',
            }),
          };
    const out = await run(getCommand, ['endpoints']);
    expect(out.code).toBe(0);
    expect(seen.map((s) => s.url)).toEqual([
      '/api/v1/instances/default/endpoints?limit=500',
      '/api/v1/instances/default/endpoints?limit=500&cursor=c2Vjb25k',
    ]);
    expect(out.stdout).toBe(
      'NAME    TYPE   HOST              USED BY\nfirst   Mqtt   aio-broker:18883  3\nsecond  Kafka  k:9093            0\n',
    );
  });

  test('one resource as YAML; a missing one is a readable 404', async () => {
    answer = () => ({
      status: 200,
      body: JSON.stringify({
        kind: 'DataflowProfile',
        metadata: { name: 'p-1' },
        spec: { instanceCount: 2 },
      }),
    });
    const out = await run(getCommand, ['profile', 'p-1']);
    expect(seen[0]!.url).toBe('/api/v1/instances/default/profiles/p-1');
    expect(out.stdout).toBe('kind: DataflowProfile\nmetadata:\n  name: p-1\nspec:\n  instanceCount: 2\n');
    answer = () =>
      problem(404, { title: 'Not found', detail: 'Profile "nope" does not exist in instance "default".' });
    const missing = await run(getCommand, ['profiles', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'flowplane get: 404 Not found: Profile "nope" does not exist in instance "default".\n',
    );
  });
});

describe('delete', () => {
  test('deletes, or lists what still uses the resource', async () => {
    answer = () => ({ status: 204, body: '' });
    const ok = await run(deleteCommand, ['endpoint', 'cloud']);
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/api/v1/instances/default/endpoints/cloud' });
    expect(ok).toMatchObject({ code: 0, stdout: 'DataflowEndpoint/cloud deleted\n' });
    answer = () =>
      problem(409, {
        title: 'Resource in use',
        detail: 'Endpoint "cloud" is used by Dataflow/a.',
        usedBy: [{ kind: 'Dataflow', name: 'a' }],
      });
    const refused = await run(deleteCommand, ['endpoint', 'cloud']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('used by Dataflow/a');
  });
});

describe('export', () => {
  test('prints the manifests the server renders', async () => {
    answer = () => ({ status: 200, type: 'text/plain', body: 'param instanceName string\n' });
    const out = await run(exportCommand, [
      '--format',
      'bicep',
      '--api-version',
      '2025-10-01',
      '--names',
      'a,b',
    ]);
    expect(seen[0]!.url).toBe(
      '/api/v1/instances/default/export?format=bicep&apiVersion=2025-10-01&names=a%2Cb',
    );
    expect(out).toMatchObject({ code: 0, stdout: 'param instanceName string\n' });
  });
});

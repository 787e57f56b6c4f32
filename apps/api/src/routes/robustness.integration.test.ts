// Random bad input against every write route: whatever a client sends, the answer is never a 5xx and every
// error is a problem document. Seeded, so a failure names its seed and replays.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from '../test-support/app.ts';
import { dataflow, kafkaEndpoint, mqttEndpoint, profile } from '../test-support/resources.ts';

let t: TestApp;
const BASE = '/api/v1/instances/default';

beforeAll(async () => {
  t = await startTestApp();
  // Something stored to collide with, reference and update.
  for (const [segment, body] of [
    ['endpoints', mqttEndpoint('stored-broker')],
    ['profiles', profile('stored-profile')],
    ['dataflows', dataflow('stored-flow', 'stored-broker', 'stored-profile')],
  ] as const) {
    const res = await t.app.inject({ method: 'POST', url: `${BASE}/${segment}`, payload: body });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => t?.close());

const transformed = () => {
  const flow = dataflow('mapped', 'stored-broker', 'stored-profile');
  flow.spec.operations.splice(1, 0, {
    operationType: 'BuiltInTransformation',
    builtInTransformationSettings: {
      datasets: [{ key: 'assets', inputs: ['$source.id', '$context.id'], expression: '$1 == $2' }],
      filter: [{ inputs: ['temperature'], expression: '$1 > 20' }],
      map: [
        { inputs: ['*'], output: '*' },
        { inputs: ['temperature'], output: 'fahrenheit', expression: 'cToF($1)' },
      ],
    },
  } as never);
  return flow;
};

const SEEDS: Record<string, () => unknown> = {
  endpoints: () => mqttEndpoint('fuzzed'),
  'endpoints ': () => kafkaEndpoint('fuzzed', 'group'),
  profiles: () => profile('fuzzed', 2),
  dataflows: transformed,
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value (the value itself included, as []). */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return here;
}

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('', ' ', '../../etc', '${inputTopic}', "'; DROP TABLE instances; --", '\u0000', '🚀'),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udc00', 'a', '$', '.'), maxLength: 8 }),
  fc.constantFrom(-1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5),
);

const mutation = fc.record({
  op: fc.constantFrom('replace', 'delete', 'add'),
  at: fc.nat(),
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'spec', '$ref')),
  value: nasty,
});

function mutate(seed: Json, mutations: { op: string; at: number; key: string; value: unknown }[]) {
  let root = structuredClone(seed);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length]!;
    if (path.length === 0) {
      if (m.op === 'replace') root = m.value as Json;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, k) => (node as Record<string, Json>)[k]!, root);
    const last = path[path.length - 1]!;
    const target = parent as Record<string | number, Json>;
    if (m.op === 'replace') target[last] = m.value as Json;
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete target[last];
    } else {
      const node = target[last];
      if (node !== null && typeof node === 'object' && !Array.isArray(node))
        Object.defineProperty(node, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  return root;
}

const body = (segment: string) =>
  fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => mutate(SEEDS[segment]!() as Json, mutations));

async function expectHandled(
  method: 'POST' | 'PUT' | 'DELETE' | 'GET',
  url: string,
  payload?: string,
  type = 'application/json',
) {
  const res = await t.app.inject({
    method,
    url,
    ...(payload !== undefined ? { payload, headers: { 'content-type': type } } : {}),
  });
  expect(res.statusCode, `${method} ${url} → ${res.statusCode} ${res.body.slice(0, 500)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: res.statusCode, title: expect.any(String) });
  }
  return res;
}

const RUNS = { numRuns: 150, seed: Number(process.env.FUZZ_SEED ?? 20261204) };

test.each(Object.keys(SEEDS))('mutated %s bodies: create, draft, replace', async (key) => {
  const segment = key.trim();
  const stored = `stored-${segment === 'endpoints' ? 'broker' : segment === 'profiles' ? 'profile' : 'flow'}`;
  await fc.assert(
    fc.asyncProperty(body(key), async (value) => {
      const text = JSON.stringify(value);
      await expectHandled('POST', `${BASE}/${segment}`, text);
      if (segment === 'dataflows') await expectHandled('POST', `${BASE}/${segment}?draft=true`, text);
      await expectHandled('PUT', `${BASE}/${segment}/${stored}`, text);
      await expectHandled('POST', `${BASE}/validate`, JSON.stringify([value]));
    }),
    RUNS,
  );
});

test('mutated manifests to validate and import (dry run and for real), as YAML and JSON', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(body('endpoints'), body('profiles'), body('dataflows')), {
        minLength: 1,
        maxLength: 3,
      }),
      async (docs) => {
        const yaml = docs.map((d) => stringify(d)).join('---\n');
        for (const route of ['validate', 'import?dryRun=true', 'import']) {
          await expectHandled('POST', `${BASE}/${route}`, yaml, 'application/yaml');
          await expectHandled('POST', `${BASE}/${route}`, JSON.stringify(docs));
        }
      },
    ),
    RUNS,
  );
});

test('arbitrary text as YAML, JSON and ARM', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(text(400), fc.constantFrom('---', '*a', '&a [*a]', '{"resources": 7}')),
      async (text) => {
        await expectHandled('POST', `${BASE}/validate`, text, 'application/yaml');
        await expectHandled('POST', `${BASE}/import?dryRun=true`, text, 'application/json');
        await expectHandled('POST', `${BASE}/endpoints`, text, 'application/yaml');
      },
    ),
    RUNS,
  );
});

/** Strings with the characters that break stores and parsers (NUL, controls, surrogates) mixed in. */
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\n', '%', '/', '\ud800', 'a'), maxLength }),
  );

/** Percent-encoded; a lone surrogate (no UTF-8 form) becomes bytes that are not UTF-8 at all. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80%FF`;
  }
}

test('arbitrary names, query strings and revision numbers in URLs', async () => {
  const segment = fc.constantFrom('endpoints', 'profiles', 'dataflows', 'graphs');
  await fc.assert(
    fc.asyncProperty(segment, text(80), text(40), async (s, a, b) => {
      const name = encode(a);
      const query = encode(b);
      await expectHandled('GET', `${BASE}/${s}?limit=${query}&cursor=${query}&q=${name}`);
      await expectHandled('GET', `${BASE}/${s}/${name}`);
      await expectHandled('GET', `${BASE}/${s}/${name}/revisions/${query}`);
      await expectHandled('POST', `${BASE}/${s}/${name}/revisions/${query}/restore`);
      await expectHandled('DELETE', `${BASE}/${s}/${name}`);
      await expectHandled('GET', `/api/v1/instances/${name}/export?format=${query}&apiVersion=${query}`);
      await expectHandled('POST', '/api/v1/instances', JSON.stringify({ name: a, description: b }));
      await expectHandled(
        'PUT',
        '/api/v1/instances/default',
        JSON.stringify({ name: 'default', namespace: b }),
      );
    }),
    RUNS,
  );
});

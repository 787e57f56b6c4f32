import { API_VERSION, flavourById } from '@flowplane/model';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { endpoint, installFakeFetch, instance, json, problem } from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

const BASE = '/api/v1/instances/default';
const meta = (name: string, resourceVersion: string) => ({
  name,
  namespace: 'azure-iot-operations',
  resourceVersion,
});
const profile = {
  apiVersion: API_VERSION,
  kind: 'DataflowProfile',
  metadata: meta('default', '2'),
  spec: {},
};
const dataflow = (name: string, status: Record<string, unknown>) => ({
  apiVersion: API_VERSION,
  kind: 'Dataflow',
  metadata: meta(name, '9'),
  spec: { profileRef: 'default', operations: [] },
  status,
});
const list = (kind: string, items: unknown[]) => json({ kind: `${kind}List`, items, nextCursor: null });

function fakeApi(routes: Parameters<typeof installFakeFetch>[0] = {}) {
  return installFakeFetch({
    'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
    [`GET ${BASE}/endpoints`]: list('DataflowEndpoint', [
      endpoint('default', flavourById('local-broker').template()),
      endpoint('hub', flavourById('event-hubs').template()),
      endpoint('hub-2', flavourById('event-hubs').template()),
    ]),
    [`GET ${BASE}/profiles`]: list('DataflowProfile', [profile]),
    [`GET ${BASE}/dataflows`]: list('Dataflow', [
      dataflow('to-cloud', { valid: true }),
      dataflow('sketch', { draft: true, valid: false, issues: [{ path: '', code: 'x', message: 'x' }] }),
    ]),
    [`GET ${BASE}/graphs`]: list('DataflowGraph', []),
    [`GET ${BASE}/revisions`]: json({ items: [] }),
    [`POST ${BASE}/validate`]: json({ valid: true, issues: [] }),
    ...routes,
  });
}

describe('overview', () => {
  it('counts each kind, groups endpoints by type and shows the API’s findings linked to their resource', async () => {
    const fake = fakeApi({
      [`POST ${BASE}/validate`]: json({
        valid: true,
        issues: [
          {
            path: '/spec/kafkaSettings/host',
            code: 'host.port.unusual',
            message: 'Port 9093 is unusual here.',
            severity: 'warning',
            resource: { kind: 'DataflowEndpoint', name: 'hub' },
            document: 1,
          },
        ],
      }),
    });
    renderApp('/instances/default');

    const endpoints = await screen.findByTestId('overview-count-DataflowEndpoint');
    await waitFor(() => expect(endpoints.textContent).toContain('3'));
    expect(screen.getByTestId('overview-count-DataflowProfile').textContent).toContain('1');
    expect(screen.getByTestId('overview-count-Dataflow').textContent).toMatch(/2.*1 draft/);
    expect(screen.getByTestId('overview-count-DataflowGraph').textContent).toContain('0');

    const types = screen.getByTestId('overview-endpoint-types');
    expect(within(types).getByRole('link', { name: 'Kafka' }).getAttribute('href')).toBe(
      '/instances/default/endpoints?type=Kafka',
    );

    const problems = screen.getByTestId('overview-problems');
    await within(problems).findByText('Port 9093 is unusual here.');
    expect(problems.textContent).toContain('1 warning in 1 resource');
    expect(problems.textContent).toContain('/spec/kafkaSettings/host');
    expect(within(problems).getByRole('link', { name: 'hub' })).toHaveProperty(
      'pathname',
      '/instances/default/endpoints/hub',
    );
    expect(problems.textContent).toContain('Not checked here: 1 draft');

    // Every stored resource but the draft, as definitions, checked by the API's own rules.
    const sent = fake.calls.find((c) => c.method === 'POST')!.body as { metadata: { name: string } }[];
    expect(sent.map((r) => r.metadata.name)).toEqual(['default', 'hub', 'hub-2', 'default', 'to-cloud']);
    expect(sent[0]).not.toHaveProperty('status');
  });

  it('lists recent changes newest first: what, who and when, linked to the resource', async () => {
    const fake = fakeApi({
      [`GET ${BASE}/revisions`]: json({
        items: [
          {
            kind: 'Dataflow',
            name: 'to-cloud',
            revision: 2,
            operation: 'update',
            actor: 'bob@example.com',
            timestamp: new Date().toISOString(),
          },
          {
            kind: 'DataflowGraph',
            name: 'wasm',
            revision: 1,
            operation: 'import',
            timestamp: '2026-11-02T09:30:00Z',
          },
        ],
      }),
    });
    renderApp('/instances/default');

    const recent = await screen.findByTestId('overview-recent');
    const items = await within(recent).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Dataflow to-cloud updatedby bob@example\.com · now · revision 2$/),
      expect.stringMatching(/^Dataflow graph wasm importedby an unnamed client · .* · revision 1$/),
    ]);
    expect(within(items[0]!).getByRole('link', { name: 'to-cloud' })).toHaveProperty(
      'pathname',
      '/instances/default/dataflows/to-cloud',
    );
    expect(fake.calls.find((c) => c.url.pathname.endsWith('/revisions'))!.url.search).toBe('?limit=10');
  });

  it('says what to do when there is nothing yet, and that a clean instance has no problems', async () => {
    fakeApi({
      [`GET ${BASE}/endpoints`]: list('DataflowEndpoint', [
        endpoint('default', flavourById('local-broker').template()),
      ]),
      [`GET ${BASE}/dataflows`]: list('Dataflow', []),
    });
    renderApp('/instances/default');

    expect(await screen.findByLabelText('Loading counts')).toBeTruthy();
    const problems = screen.getByTestId('overview-problems');
    expect((await within(problems).findByRole('status')).textContent).toContain(
      'No problems: 2 resources pass',
    );
    expect(screen.getByTestId('overview-recent').textContent).toContain('No changes recorded yet.');
    const start = screen.getByRole('heading', { name: 'No dataflows yet' }).parentElement!;
    expect(within(start).getByRole('link', { name: 'Import / Export' })).toHaveProperty(
      'pathname',
      '/instances/default/import-export',
    );
  });

  it('shows each failure where it happened, with a way to try again', async () => {
    fakeApi({
      [`GET ${BASE}/revisions`]: problem(500, {
        title: 'Internal Server Error',
        status: 500,
        detail: 'Logged as req-1.',
      }),
      [`POST ${BASE}/validate`]: problem(413, {
        title: 'Payload Too Large',
        status: 413,
        detail: 'At most 1 MiB.',
      }),
    });
    renderApp('/instances/default');

    const recent = await screen.findByTestId('overview-recent');
    expect((await within(recent).findByRole('alert')).textContent).toContain('Logged as req-1.');
    const problems = screen.getByTestId('overview-problems');
    const alert = await within(problems).findByRole('alert');
    expect(alert.textContent).toContain('At most 1 MiB.');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByTestId('overview-count-DataflowEndpoint').textContent).toContain('3');
  });
});

import { API_VERSION, type DataflowProfile } from '@flowplane/model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { installFakeFetch, instance, json, type FakeCall } from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

const BASE = '/api/v1/instances/default';

function profile(name: string, spec: DataflowProfile['spec'], dataflows = 0): DataflowProfile {
  return {
    apiVersion: API_VERSION,
    kind: 'DataflowProfile',
    metadata: { name, resourceVersion: '2', creationTimestamp: '2026-11-02T09:30:00.000Z' },
    spec,
    status: { usage: { dataflows, graphs: 0 }, updatedAt: '2026-11-03T10:00:00.000Z' },
  };
}

const common = {
  'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
};

describe('profiles', () => {
  it('lists profiles with the values the platform runs, defaults included', async () => {
    installFakeFetch({
      ...common,
      [`GET ${BASE}/profiles`]: json({
        kind: 'DataflowProfileList',
        items: [
          profile('default', {}, 3),
          profile('scaled', { instanceCount: 4, diagnostics: { logs: { level: 'debug' } } }),
        ],
        nextCursor: null,
      }),
    });
    renderApp('/instances/default/profiles');
    const cells = (name: string) =>
      within(screen.getByTestId(`profile-row-${name}`))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    await screen.findByTestId('profile-row-default');
    expect(cells('default').slice(0, 5)).toEqual(['default', '1', 'info', '9600', '3']);
    expect(cells('scaled').slice(0, 5)).toEqual(['scaled', '4', 'debug', '9600', '0']);
  });

  it('creates a profile and refuses an instance count the platform rejects', async () => {
    const user = userEvent.setup();
    const api = installFakeFetch({
      ...common,
      [`GET ${BASE}/profiles`]: json({ kind: 'DataflowProfileList', items: [], nextCursor: null }),
      [`POST ${BASE}/profiles`]: (call: FakeCall) => json(call.body, 201),
    });
    renderApp('/instances/default/profiles/new');
    await user.type(await screen.findByTestId('field-metadata.name'), 'scaled');
    const count = screen.getByTestId('field-spec.instanceCount');
    await user.clear(count);
    await user.type(count, '25');
    expect((await screen.findByTestId('issue-spec.instanceCount')).textContent).toMatch(/20/);
    await user.click(screen.getByTestId('save-resource'));
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.clear(count);
    await user.type(count, '3');
    await user.type(screen.getByTestId('field-spec.diagnostics.logs.level'), 'debug');
    await user.click(screen.getByTestId('save-resource'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    expect((api.calls.find((c) => c.method === 'POST')?.body as DataflowProfile).spec).toEqual({
      instanceCount: 3,
      diagnostics: { logs: { level: 'debug' } },
    });
  });

  it('lists the dataflows that keep a profile from being deleted', async () => {
    const user = userEvent.setup();
    const flow = { apiVersion: API_VERSION, kind: 'Dataflow', metadata: { name: 'to-cloud' }, spec: {} };
    const api = installFakeFetch({
      ...common,
      [`GET ${BASE}/profiles/busy`]: json(profile('busy', {}, 1)),
      [`GET ${BASE}/profiles/busy/revisions`]: json({ items: [] }),
      [`GET ${BASE}/dataflows`]: json({ kind: 'DataflowList', items: [flow], nextCursor: null }),
    });
    renderApp('/instances/default/profiles/busy');
    await user.click(await screen.findByTestId('delete-profile'));
    const dialog = await screen.findByTestId('delete-dialog');
    expect(within(dialog).getByTestId('delete-used-by').textContent).toContain('to-cloud');
    expect(within(dialog).queryByTestId('delete-confirm')).toBeNull();
    expect(
      api.calls
        .find((c) => c.method === 'GET' && c.url.pathname.endsWith('/dataflows'))
        ?.url.searchParams.get('profile'),
    ).toBe('busy');
  });
});

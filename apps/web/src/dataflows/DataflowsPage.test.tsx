import { API_VERSION, flavourById, type Dataflow } from '@flowplane/model';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App, createQueryClient } from '../App.tsx';
import {
  endpoint,
  installFakeFetch,
  instance,
  json,
  problem,
  type FakeCall,
} from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

const BASE = '/api/v1/instances/default';
const LIST = `GET ${BASE}/dataflows`;

function dataflow(
  name: string,
  options: {
    profile?: string;
    from?: string;
    to?: string;
    mode?: 'Enabled' | 'Disabled';
    status?: Record<string, unknown>;
    version?: string;
  } = {},
): Dataflow {
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: {
      name,
      namespace: 'azure-iot-operations',
      uid: `uid-${name}`,
      resourceVersion: options.version ?? '7',
      creationTimestamp: '2026-11-02T09:30:00.000Z',
    },
    spec: {
      profileRef: options.profile ?? 'default',
      ...(options.mode ? { mode: options.mode } : {}),
      operations: [
        {
          operationType: 'Source',
          sourceSettings: { endpointRef: options.from ?? 'default', dataSources: ['factory/#'] },
        },
        {
          operationType: 'Destination',
          destinationSettings: { endpointRef: options.to ?? 'hub', dataDestination: 'telemetry' },
        },
      ],
    },
    status: {
      updatedAt: '2026-11-03T08:00:00.000Z',
      draft: false,
      valid: true,
      issues: [],
      ...options.status,
    },
  };
}

const FLOWS = [
  dataflow('to-cloud', { from: 'default', to: 'hub' }),
  dataflow('archive', { profile: 'bulk', from: 'hub', to: 'lake', mode: 'Disabled', version: '11' }),
  dataflow('sketch', {
    from: 'default',
    to: 'gone',
    status: {
      draft: true,
      valid: false,
      issues: [
        { path: '/spec/operations/1', code: 'ref.missing', message: 'Endpoint gone does not exist.' },
        { path: '/spec/operations/0', code: 'topic.invalid', message: 'The topic is not valid.' },
      ],
    },
  }),
];

const ENDPOINTS = [
  endpoint('default', flavourById('local-broker').template()),
  endpoint('hub', flavourById('event-hubs').template()),
  endpoint('lake', flavourById('data-lake').template()),
];

function runtimeFlow(name: string, state: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    profile: 'default',
    state,
    source: 'default: factory/#',
    destination: 'hub: telemetry',
    since: '2026-11-03T08:00:00.000Z',
    inflight: 0,
    counters: {
      received: 10,
      emitted: 10,
      droppedByFilter: 0,
      deadLettered: 0,
      sinkErrors: 0,
      retries: 0,
      redelivered: 0,
    },
    rates: { receivedPerSecond: 2.5, emittedPerSecond: 2.5 },
    latency: { count: 0, sumMs: 0, buckets: [] },
    deadLetters: [],
    ...extra,
  };
}

const RUNTIME = {
  instance: 'default',
  target: 'http://127.0.0.1:8081',
  embedded: true,
  deployment: null,
  startedAt: '2026-11-03T07:00:00.000Z',
  dataflows: [
    runtimeFlow('to-cloud', 'running'),
    runtimeFlow('archive', 'failed', {
      lastError: { at: '2026-11-03T08:01:00.000Z', message: 'Lake refused.' },
    }),
  ],
};

type Routes = Parameters<typeof installFakeFetch>[0];

function fakeApi(routes: Routes = {}) {
  return installFakeFetch({
    'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
    [LIST]: json({ kind: 'DataflowList', items: FLOWS, nextCursor: null }),
    [`GET ${BASE}/endpoints`]: json({ kind: 'DataflowEndpointList', items: ENDPOINTS, nextCursor: null }),
    [`GET ${BASE}/runtime`]: json(RUNTIME),
    ...routes,
  });
}

function rowNames() {
  const table = screen.getByRole('table', { name: 'Dataflows' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent);
}

function calls(fake: { calls: FakeCall[] }, method: string, path: string) {
  return fake.calls.filter((c) => c.method === method && c.url.pathname === path);
}

function Where() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname}</div>;
}

/** The app with the current path shown, to see where an action navigated. */
function renderWithLocation(url: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  return render(
    <MemoryRouter initialEntries={[url]}>
      <App queryClient={queryClient} />
      <Where />
    </MemoryRouter>,
  );
}

describe('dataflows list', () => {
  it('shows each dataflow with profile, mode, typed ends, validation and runtime state', async () => {
    fakeApi();
    renderApp('/instances/default/dataflows');

    const cloud = await screen.findByTestId('dataflow-row-to-cloud');
    expect(within(cloud).getByRole('link', { name: 'to-cloud' })).toHaveProperty(
      'pathname',
      '/instances/default/dataflows/to-cloud',
    );
    expect(within(cloud).getByRole('link', { name: 'default' })).toHaveProperty(
      'pathname',
      '/instances/default/profiles/default',
    );
    expect(within(cloud).getByRole('switch', { name: 'Enabled: to-cloud' })).toHaveProperty('checked', true);
    expect(await within(cloud).findByRole('img', { name: 'MQTT' })).toBeTruthy();
    expect(within(cloud).getByRole('img', { name: 'Kafka' })).toBeTruthy();
    expect(cloud.textContent).toContain('Valid');
    expect(await within(cloud).findByText('Running')).toBeTruthy();

    const archive = screen.getByTestId('dataflow-row-archive');
    expect(within(archive).getByRole('link', { name: 'bulk' })).toHaveProperty(
      'pathname',
      '/instances/default/profiles/bulk',
    );
    expect(within(archive).getByRole('switch', { name: 'Enabled: archive' })).toHaveProperty(
      'checked',
      false,
    );
    expect(within(archive).getByRole('img', { name: 'Data Lake Storage' })).toBeTruthy();
    expect(archive.textContent).toContain('Failed');

    const sketch = screen.getByTestId('dataflow-row-sketch');
    expect(sketch.textContent).toContain('Draft');
    expect(sketch.textContent).toContain('2 problems');
    expect(sketch.textContent).toContain('Not deployed');
    expect(
      within(sketch).getByRole('img', { name: 'No endpoint named gone exists in this instance.' }),
    ).toBeTruthy();
    expect(within(sketch).queryByRole('img', { name: 'Kafka' })).toBeNull();
    expect(rowNames()).toEqual(['archive', 'sketch', 'to-cloud']);
  });

  it('shows the first problems of an invalid dataflow on focus', async () => {
    const user = userEvent.setup();
    fakeApi();
    renderApp('/instances/default/dataflows');
    const sketch = await screen.findByTestId('dataflow-row-sketch');

    await user.click(within(sketch).getByText('2 problems'));
    const tip = await screen.findByRole('tooltip');
    expect(tip.textContent).toBe('Endpoint gone does not exist. · The topic is not valid.');
  });

  it('says Not deployed, without an error, when the instance has no runtime', async () => {
    fakeApi({
      [`GET ${BASE}/runtime`]: problem(409, {
        type: 'urn:flowplane:problem:conflict',
        title: 'No runtime',
        status: 409,
        detail: 'No runtime serves this instance.',
      }),
    });
    renderApp('/instances/default/dataflows');

    const cloud = await screen.findByTestId('dataflow-row-to-cloud');
    await waitFor(() => expect(cloud.textContent).toContain('Not deployed'));
    expect(screen.getByTestId('dataflow-row-archive').textContent).toContain('Not deployed');
    expect(screen.queryByText('Running')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not ask for the runtime status when the instance record says no runtime serves it', async () => {
    const fake = fakeApi({
      'GET /api/v1/instances': json({
        kind: 'InstanceList',
        items: [{ ...instance('default'), runtime: null }],
        nextCursor: null,
      }),
    });
    renderApp('/instances/default/dataflows');
    const cloud = await screen.findByTestId('dataflow-row-to-cloud');
    await waitFor(() => expect(cloud.textContent).toContain('Not deployed'));
    // The API would answer 409, which the browser logs as a failed request.
    expect(calls(fake, 'GET', `${BASE}/runtime`)).toEqual([]);
  });

  it('disables a dataflow with a PUT of the version shown, If-Match, and the flipped mode', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      [`PUT ${BASE}/dataflows/to-cloud`]: (call) => json({ ...(call.body as object), status: {} }),
    });
    renderApp('/instances/default/dataflows');

    const toggle = await screen.findByTestId('dataflow-mode-to-cloud');
    await user.click(toggle);

    await waitFor(() => expect(calls(fake, 'PUT', `${BASE}/dataflows/to-cloud`)).toHaveLength(1));
    const put = calls(fake, 'PUT', `${BASE}/dataflows/to-cloud`)[0]!;
    expect(put.headers.get('if-match')).toBe('7');
    expect(put.url.search).toBe('');
    const body = put.body as Dataflow;
    expect(body.spec.mode).toBe('Disabled');
    expect(body.spec.operations).toEqual(FLOWS[0]!.spec.operations);
    expect(body.status).toBeUndefined();
    expect((await screen.findByTestId('toast-success')).textContent).toContain('to-cloud disabled');
  });

  it('a second toggle sends the version the first one saved, even before the list is fetched again', async () => {
    const user = userEvent.setup();
    let version = 7;
    let refetchable = true;
    const fake = fakeApi({
      [`PUT ${BASE}/dataflows/to-cloud`]: (call) => {
        version += 1;
        // The list's refetch after this save does not arrive in time (here: it fails).
        refetchable = false;
        const body = call.body as Dataflow;
        return json({
          ...body,
          metadata: { ...body.metadata, resourceVersion: String(version) },
          status: {},
        });
      },
      [LIST]: () =>
        refetchable
          ? json({ kind: 'DataflowList', items: FLOWS, nextCursor: null })
          : problem(503, { type: 'about:blank', title: 'Unavailable', status: 503 }),
    });
    renderApp('/instances/default/dataflows');
    const toggle = await screen.findByTestId('dataflow-mode-to-cloud');
    await user.click(toggle);
    await waitFor(() => expect(calls(fake, 'PUT', `${BASE}/dataflows/to-cloud`)).toHaveLength(1));
    await waitFor(() => expect(toggle.hasAttribute('disabled')).toBe(false));
    await user.click(toggle);
    await waitFor(() => expect(calls(fake, 'PUT', `${BASE}/dataflows/to-cloud`)).toHaveLength(2));
    const [first, second] = calls(fake, 'PUT', `${BASE}/dataflows/to-cloud`);
    expect(first!.headers.get('if-match')).toBe('7');
    expect(second!.headers.get('if-match')).toBe('8');
    expect((second!.body as Dataflow).spec.mode).toBe('Enabled');
  });

  it('writes a draft back as a draft when its mode changes', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      [`PUT ${BASE}/dataflows/archive`]: (call) => json(call.body),
    });
    renderApp('/instances/default/dataflows');

    await user.click(await screen.findByRole('switch', { name: 'Enabled: archive' }));
    await waitFor(() => expect(calls(fake, 'PUT', `${BASE}/dataflows/archive`)).toHaveLength(1));
    const put = calls(fake, 'PUT', `${BASE}/dataflows/archive`)[0]!;
    expect((put.body as Dataflow).spec.mode).toBe('Enabled');
    expect(put.headers.get('if-match')).toBe('11');
    expect(put.url.searchParams.get('draft')).toBeNull();

    await user.click(screen.getByRole('switch', { name: 'Enabled: sketch' }));
    await waitFor(() => expect(calls(fake, 'PUT', `${BASE}/dataflows/sketch`)).toHaveLength(1));
    const draft = calls(fake, 'PUT', `${BASE}/dataflows/sketch`)[0]!;
    expect(draft.url.searchParams.get('draft')).toBe('true');
    expect((draft.body as Dataflow).spec.mode).toBe('Disabled');
  });

  it('puts the switch back, tells why and refetches when the API refuses the change', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      [`PUT ${BASE}/dataflows/to-cloud`]: problem(412, {
        title: 'Precondition Failed',
        status: 412,
        detail: 'to-cloud was changed by someone else (version 8).',
        currentResourceVersion: '8',
      }),
    });
    renderApp('/instances/default/dataflows');

    const toggle = await screen.findByRole('switch', { name: 'Enabled: to-cloud' });
    const listsBefore = calls(fake, 'GET', `${BASE}/dataflows`).length;
    await user.click(toggle);

    const toast = await screen.findByTestId('toast-error');
    expect(toast.textContent).toContain('to-cloud was not disabled');
    expect(toast.textContent).toContain('changed by someone else (version 8)');
    await waitFor(() =>
      expect(screen.getByRole('switch', { name: 'Enabled: to-cloud' })).toHaveProperty('checked', true),
    );
    await waitFor(() => expect(calls(fake, 'GET', `${BASE}/dataflows`).length).toBeGreaterThan(listsBefore));
  });

  it('puts the switch back by itself, even when the list cannot be fetched again', async () => {
    const user = userEvent.setup();
    let lists = 0;
    fakeApi({
      [LIST]: () =>
        ++lists === 1
          ? json({ kind: 'DataflowList', items: FLOWS, nextCursor: null })
          : problem(503, { title: 'Service Unavailable', status: 503, detail: 'The database is down.' }),
      [`PUT ${BASE}/dataflows/archive`]: problem(422, {
        title: 'Unprocessable Entity',
        status: 422,
        detail: 'The dataflow breaks 1 rule.',
        errors: [{ path: '/spec/profileRef', code: 'ref.missing', message: 'Profile bulk does not exist.' }],
      }),
    });
    renderApp('/instances/default/dataflows');

    await user.click(await screen.findByRole('switch', { name: 'Enabled: archive' }));

    const toast = await screen.findByTestId('toast-error');
    expect(toast.textContent).toContain('archive was not enabled');
    expect(toast.textContent).toContain('The dataflow breaks 1 rule. Profile bulk does not exist.');
    expect((await screen.findByRole('alert')).textContent).toContain('The database is down.');
    expect(screen.getByRole('switch', { name: 'Enabled: archive' })).toHaveProperty('checked', false);
    expect(screen.getByTestId('dataflow-row-to-cloud')).toBeTruthy();
  });

  it('duplicates as a draft under the first free -copy name and opens the copy in the builder', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      [LIST]: json({
        kind: 'DataflowList',
        items: [...FLOWS, dataflow('to-cloud-copy')],
        nextCursor: null,
      }),
      [`POST ${BASE}/dataflows`]: (call) => json({ ...(call.body as object), status: { draft: true } }, 201),
    });
    renderWithLocation('/instances/default/dataflows');

    await user.click(await screen.findByTestId('dataflow-actions-to-cloud'));
    const menu = await screen.findByRole('menu', { name: 'Actions for to-cloud' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Open', 'Edit in builder', 'Duplicate', 'Delete']);
    await user.click(screen.getByTestId('dataflow-duplicate-to-cloud'));

    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(
        '/instances/default/dataflows/to-cloud-copy-2/edit',
      ),
    );
    const posts = calls(fake, 'POST', `${BASE}/dataflows`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url.searchParams.get('draft')).toBe('true');
    expect(posts[0]!.body).toEqual({
      apiVersion: API_VERSION,
      kind: 'Dataflow',
      metadata: { name: 'to-cloud-copy-2' },
      spec: FLOWS[0]!.spec,
    });
    expect((await screen.findByTestId('toast-success')).textContent).toContain(
      'Dataflow to-cloud-copy-2 created',
    );
  });

  it('takes the next name when a copy appears meanwhile', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      [`POST ${BASE}/dataflows`]: (call) =>
        (call.body as Dataflow).metadata.name === 'archive-copy'
          ? problem(409, { title: 'Conflict', status: 409, detail: 'archive-copy exists.' })
          : json(call.body, 201),
    });
    renderWithLocation('/instances/default/dataflows');

    await user.click(await screen.findByTestId('dataflow-actions-archive'));
    await user.click(await screen.findByTestId('dataflow-duplicate-archive'));

    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(
        '/instances/default/dataflows/archive-copy-2/edit',
      ),
    );
    expect(calls(fake, 'POST', `${BASE}/dataflows`).map((c) => (c.body as Dataflow).metadata.name)).toEqual([
      'archive-copy',
      'archive-copy-2',
    ]);
  });

  it('deletes after confirmation with If-Match, then refreshes the list', async () => {
    const user = userEvent.setup();
    let deleted = false;
    const fake = fakeApi({
      [LIST]: () =>
        json({
          kind: 'DataflowList',
          items: FLOWS.filter((f) => !deleted || f.metadata.name !== 'archive'),
          nextCursor: null,
        }),
      [`DELETE ${BASE}/dataflows/archive`]: () => {
        deleted = true;
        return { status: 204 };
      },
    });
    renderApp('/instances/default/dataflows');

    await user.click(await screen.findByTestId('dataflow-actions-archive'));
    await user.click(await screen.findByTestId('dataflow-delete-archive'));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Delete archive?');
    expect(dialog.textContent).toContain('keeps running it until the instance is deployed again');
    expect(calls(fake, 'DELETE', `${BASE}/dataflows/archive`)).toHaveLength(0);

    await user.click(within(dialog).getByTestId('dataflow-delete-confirm'));
    await waitFor(() => expect(screen.queryByTestId('dataflow-row-archive')).toBeNull());
    const [removal] = calls(fake, 'DELETE', `${BASE}/dataflows/archive`);
    expect(removal!.headers.get('if-match')).toBe('11');
    expect((await screen.findByTestId('toast-success')).textContent).toContain('Dataflow archive deleted');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('keeps the dialog open with the problem when the delete is refused', async () => {
    const user = userEvent.setup();
    fakeApi({
      [`DELETE ${BASE}/dataflows/to-cloud`]: problem(412, {
        title: 'Precondition Failed',
        status: 412,
        detail: 'to-cloud was changed by someone else.',
      }),
    });
    renderApp('/instances/default/dataflows');

    await user.click(await screen.findByTestId('dataflow-actions-to-cloud'));
    await user.click(await screen.findByTestId('dataflow-delete-to-cloud'));
    await user.click(await screen.findByTestId('dataflow-delete-confirm'));

    const dialog = screen.getByRole('alertdialog');
    expect((await within(dialog).findByRole('alert')).textContent).toContain('changed by someone else');
    expect(screen.getByTestId('dataflow-row-to-cloud')).toBeTruthy();
  });

  it('searches, filters by profile and endpoint, sorts, and offers to clear filters', async () => {
    const user = userEvent.setup();
    fakeApi();
    renderApp('/instances/default/dataflows');
    await screen.findByTestId('dataflow-row-to-cloud');

    const profiles = screen.getByRole('combobox', { name: 'Profile' });
    expect(
      within(profiles)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All profiles', 'bulk', 'default']);
    await user.selectOptions(profiles, 'bulk');
    expect(rowNames()).toEqual(['archive']);
    await user.selectOptions(profiles, 'All profiles');

    const endpoints = screen.getByRole('combobox', { name: 'Endpoint' });
    expect(
      within(endpoints)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All endpoints', 'default', 'gone', 'hub', 'lake']);
    await user.selectOptions(endpoints, 'hub');
    expect(rowNames()).toEqual(['archive', 'to-cloud']);
    await user.selectOptions(endpoints, 'All endpoints');

    await user.type(screen.getByRole('searchbox', { name: 'Search dataflows' }), 'lake');
    expect(rowNames()).toEqual(['archive']);
    await user.clear(screen.getByRole('searchbox', { name: 'Search dataflows' }));

    await user.click(screen.getByRole('button', { name: 'Runtime' }));
    expect(rowNames()).toEqual(['to-cloud', 'archive', 'sketch']);
    await user.click(screen.getByRole('button', { name: 'Validation' }));
    expect(rowNames()).toEqual(['archive', 'to-cloud', 'sketch']);
    await user.click(screen.getByRole('button', { name: 'Validation' }));
    expect(rowNames()).toEqual(['sketch', 'archive', 'to-cloud']);

    await user.selectOptions(profiles, 'bulk');
    await user.type(screen.getByRole('searchbox', { name: 'Search dataflows' }), 'cloud');
    expect(screen.getByRole('status').textContent).toContain('No dataflow matches these filters.');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rowNames()).toEqual(['sketch', 'archive', 'to-cloud']);
  });

  it('reads search, filters and sort from the address', async () => {
    fakeApi();
    renderApp('/instances/default/dataflows?endpoint=default&sort=name&dir=descending');

    await screen.findByTestId('dataflow-row-to-cloud');
    expect(rowNames()).toEqual(['to-cloud', 'sketch']);
    expect(screen.getByRole('combobox', { name: 'Endpoint' })).toHaveProperty('value', 'default');
  });

  it('shows a skeleton, then an empty state that says how to make one; New dataflow opens the builder', async () => {
    const user = userEvent.setup();
    fakeApi({ [LIST]: json({ kind: 'DataflowList', items: [], nextCursor: null }) });
    renderWithLocation('/instances/default/dataflows');

    expect(await screen.findByLabelText('Loading dataflows')).toBeTruthy();
    const empty = await screen.findByRole('status');
    expect(empty.textContent).toContain('This instance has no dataflows yet.');
    expect(within(empty).getByRole('link', { name: 'Create a dataflow' })).toHaveProperty(
      'pathname',
      '/instances/default/dataflows/new',
    );

    await user.click(screen.getByTestId('new-dataflow'));
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe('/instances/default/dataflows/new'),
    );
  });

  it('shows an API problem in place of the list, and retries on request', async () => {
    const user = userEvent.setup();
    let fail = true;
    fakeApi({
      [LIST]: () =>
        fail
          ? problem(503, {
              title: 'Service Unavailable',
              status: 503,
              detail: 'The database is not reachable.',
            })
          : json({ kind: 'DataflowList', items: FLOWS, nextCursor: null }),
    });
    renderApp('/instances/default/dataflows');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is not reachable.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('dataflow-row-sketch')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

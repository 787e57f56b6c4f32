import { flavourById } from '@flowplane/model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { endpoint, installFakeFetch, instance, json, problem } from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

const LIST = 'GET /api/v1/instances/default/endpoints';

function fakeApi(endpoints: ReturnType<typeof endpoint>[]) {
  return installFakeFetch({
    'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
    [LIST]: json({ kind: 'DataflowEndpointList', items: endpoints, nextCursor: null }),
  });
}

const ENDPOINTS = [
  endpoint('default', flavourById('local-broker').template(), { dataflows: 2, graphs: 1 }),
  endpoint('hub', flavourById('event-hubs').template(), { dataflows: 1, graphs: 0 }),
  endpoint('lake', flavourById('data-lake').template(), { dataflows: 0, graphs: 0 }),
];

function rowNames() {
  const table = screen.getByRole('table', { name: 'Endpoints' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent);
}

describe('endpoints list', () => {
  it('shows each endpoint with its type, flavour, host, authentication and usage', async () => {
    fakeApi(ENDPOINTS);
    renderApp('/instances/default/endpoints');

    const hub = await screen.findByTestId('endpoint-row-hub');
    expect(within(hub).getByRole('link', { name: 'hub' })).toHaveProperty(
      'pathname',
      '/instances/default/endpoints/hub',
    );
    expect(hub.textContent).toContain('Kafka');
    expect(hub.textContent).toContain('Azure Event Hubs');
    expect(hub.textContent).toContain('example.servicebus.windows.net:9093');
    expect(hub.textContent).toContain('System-assigned managed identity');
    expect(hub.textContent).toContain('1 dataflow');

    const broker = screen.getByTestId('endpoint-row-default');
    expect(broker.textContent).toContain('Azure IoT Operations broker');
    expect(broker.textContent).toContain('Kubernetes service account token');
    expect(broker.textContent).toContain('2 dataflows, 1 graph');
    expect(screen.getByTestId('endpoint-row-lake').textContent).toContain('Not used');
    expect(rowNames()).toEqual(['default', 'hub', 'lake']);
  });

  it('searches, filters by type and sorts, and offers to clear filters when nothing matches', async () => {
    const user = userEvent.setup();
    fakeApi(ENDPOINTS);
    renderApp('/instances/default/endpoints');
    await screen.findByTestId('endpoint-row-hub');

    await user.type(screen.getByRole('searchbox', { name: 'Search endpoints' }), 'servicebus');
    expect(rowNames()).toEqual(['hub']);

    await user.clear(screen.getByRole('searchbox', { name: 'Search endpoints' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Data Lake Storage');
    expect(rowNames()).toEqual(['lake']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'OpenTelemetry');
    expect(screen.getByRole('status').textContent).toContain('No endpoint matches these filters.');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rowNames()).toEqual(['default', 'hub', 'lake']);

    await user.click(screen.getByRole('button', { name: 'Used by' }));
    expect(rowNames()).toEqual(['lake', 'hub', 'default']);
    await user.click(screen.getByRole('button', { name: 'Used by' }));
    expect(rowNames()).toEqual(['default', 'hub', 'lake']);
  });

  it('shows a loading skeleton, then an empty state that says what to do', async () => {
    fakeApi([]);
    renderApp('/instances/default/endpoints');

    expect(await screen.findByLabelText('Loading endpoints')).toBeTruthy();
    const empty = await screen.findByRole('status');
    expect(empty.textContent).toContain('This instance has no endpoints yet.');
    expect(within(empty).getByRole('link', { name: 'Import / Export' })).toHaveProperty(
      'pathname',
      '/instances/default/import-export',
    );
  });

  it('shows an API problem in place, and retries on request', async () => {
    const user = userEvent.setup();
    let fail = true;
    installFakeFetch({
      'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
      [LIST]: () =>
        fail
          ? problem(503, {
              title: 'Service Unavailable',
              status: 503,
              detail: 'The database is not reachable.',
            })
          : json({ kind: 'DataflowEndpointList', items: ENDPOINTS, nextCursor: null }),
    });
    renderApp('/instances/default/endpoints');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Service Unavailable');
    expect(alert.textContent).toContain('The database is not reachable.');

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(await screen.findByTestId('endpoint-row-lake')).toBeTruthy();
  });

  it('offers open, edit and delete for each row from one menu', async () => {
    const user = userEvent.setup();
    installFakeFetch({
      'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
      [LIST]: json({ kind: 'DataflowEndpointList', items: ENDPOINTS, nextCursor: null }),
      'GET /api/v1/instances/default/dataflows': json({ kind: 'DataflowList', items: [], nextCursor: null }),
    });
    renderApp('/instances/default/endpoints');
    await user.click(await screen.findByTestId('endpoint-actions-lake'));
    const menu = await screen.findByRole('menu', { name: 'Actions for lake' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Open', 'Edit', 'Delete']);
    await user.click(within(menu).getByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByTestId('delete-dialog');
    expect(await within(dialog).findByTestId('delete-confirm')).toBeTruthy();
    expect(dialog.textContent).toContain('Delete lake?');
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { endpoint, installFakeFetch, instance, json } from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

function fakeApi() {
  return installFakeFetch({
    'GET /api/v1/instances': json({
      kind: 'InstanceList',
      items: [instance('default'), instance('plant-3')],
      nextCursor: null,
    }),
    'GET /api/v1/instances/default/endpoints': json({
      kind: 'DataflowEndpointList',
      items: [],
      nextCursor: null,
    }),
    'GET /api/v1/instances/default/endpoints/my-kafka': json(
      endpoint('my-kafka', {
        endpointType: 'Kafka',
        kafkaSettings: { host: 'kafka.example:9092', authentication: { method: 'Anonymous' } },
      }),
    ),
    'GET /api/v1/instances/default/endpoints/my-kafka/revisions': json({ items: [] }),
    'GET /api/v1/instances/default/dataflows': json({ kind: 'DataflowList', items: [], nextCursor: null }),
    'GET /api/v1/instances/plant-3/endpoints': json({
      kind: 'DataflowEndpointList',
      items: [],
      nextCursor: null,
    }),
  });
}

function breadcrumbs() {
  return within(screen.getByRole('navigation', { name: 'Breadcrumb' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);
}

describe('shell', () => {
  it('opens the default instance from /', async () => {
    fakeApi();
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeTruthy();
    expect(breadcrumbs()).toEqual(['default']);
  });

  it('navigates between sections, marking the current one and updating the breadcrumbs', async () => {
    const user = userEvent.setup();
    fakeApi();
    renderApp('/instances/default/endpoints');
    const nav = screen.getByRole('navigation', { name: 'Sections' });

    expect(await screen.findByRole('heading', { name: 'Endpoints' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Endpoints' }).getAttribute('aria-current')).toBe('page');
    expect(breadcrumbs()).toEqual(['default', 'Endpoints']);

    await user.click(within(nav).getByRole('link', { name: 'Dataflows' }));
    expect(await screen.findByRole('heading', { name: 'Dataflows' })).toBeTruthy();
    expect(await screen.findByText('This instance has no dataflows yet.', { exact: false })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Dataflows' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Endpoints' }).getAttribute('aria-current')).toBeNull();
    expect(breadcrumbs()).toEqual(['default', 'Dataflows']);

    await user.click(screen.getByRole('link', { name: 'default' }));
    expect(screen.getByRole('heading', { name: 'Overview' })).toBeTruthy();
  });

  it('deep-links to an endpoint and shows it in the breadcrumbs', async () => {
    fakeApi();
    renderApp('/instances/default/endpoints/my-kafka');

    expect(await screen.findByRole('heading', { name: 'my-kafka', level: 1 })).toBeTruthy();
    expect(breadcrumbs()).toEqual(['default', 'Endpoints', 'my-kafka']);
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(within(crumbs).getByRole('link', { name: 'Endpoints' })).toHaveProperty(
      'pathname',
      '/instances/default/endpoints',
    );
  });

  it('switches instance and stays in the same section', async () => {
    const user = userEvent.setup();
    fakeApi();
    renderApp('/instances/default/endpoints');
    await screen.findByRole('heading', { name: 'Endpoints' });

    await user.click(screen.getByRole('combobox', { name: 'Instance' }));
    await user.click(await screen.findByRole('option', { name: 'plant-3' }));

    expect(breadcrumbs()).toEqual(['plant-3', 'Endpoints']);
    expect(screen.getByRole('combobox', { name: 'Instance' }).textContent).toContain('plant-3');
  });

  it('says so when the address leads nowhere', async () => {
    fakeApi();
    renderApp('/instances/default/nowhere');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { installFakeFetch, instance, json, type FakeCall } from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

const EMPTY = { kind: 'DataflowEndpointList', items: [], nextCursor: null };

describe('create instance', () => {
  it('checks the name as the API does, creates the instance and opens it', async () => {
    const user = userEvent.setup();
    const api = installFakeFetch({
      'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
      'POST /api/v1/instances': (call: FakeCall) =>
        json({ ...instance('plant-3'), ...(call.body as object) }, 201),
      'GET /api/v1/instances/default/endpoints': json(EMPTY),
      'GET /api/v1/instances/plant-3/endpoints': json(EMPTY),
    });
    renderApp('/instances/default/endpoints');
    await user.click(await screen.findByTestId('create-instance'));
    await user.type(await screen.findByTestId('instance-name'), 'Plant 3');
    expect((await screen.findByTestId('instance-issue-name')).textContent).toMatch(/./);
    await user.click(screen.getByTestId('instance-create'));
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.clear(screen.getByTestId('instance-name'));
    await user.type(screen.getByTestId('instance-name'), 'plant-3');
    await user.click(screen.getByTestId('instance-create'));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'plant-3' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('navigation', { name: 'Breadcrumb' }).textContent).toContain('plant-3'),
    );
  });

  it('is offered on the start page when there is no instance at all', async () => {
    const user = userEvent.setup();
    installFakeFetch({
      'GET /api/v1/instances': json({ kind: 'InstanceList', items: [], nextCursor: null }),
    });
    renderApp('/');
    await user.click(await screen.findByTestId('create-instance'));
    expect(await screen.findByTestId('create-instance-dialog')).toBeTruthy();
  });
});

// The topology of an instance: every dataflow an edge between endpoint nodes, an endpoint shared by several
// dataflows drawn once.
import { TopologyPage } from '../pages/builder.page.ts';
import { dataflowOf, endpointOf } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

test('two dataflows sharing the local broker meet at one node', async ({ page, api, instance, audit }) => {
  await api.createEndpoint(instance, endpointOf('hubs', 'event-hubs'));
  await api.createEndpoint(instance, endpointOf('grid', 'event-grid'));
  await api.create(instance, 'dataflows', dataflowOf('to-grid', { destination: 'grid' }));
  const fromHubs = dataflowOf('from-hubs', { source: 'hubs', destination: 'default' });
  fromHubs.spec.operations[0]!.sourceSettings!.dataSources = ['telemetry'];
  await api.create(instance, 'dataflows', fromHubs);

  const topology = new TopologyPage(page);
  await topology.goto(instance);
  await expect(topology.endpoint('default')).toHaveCount(1);
  // How many dataflows use each endpoint.
  await expect(topology.endpoint('default')).toHaveText('default2');
  await expect(topology.endpoint('hubs')).toHaveText('hubs1');
  await expect(topology.endpoint('grid')).toHaveText('grid1');
  await expect(topology.edges).toHaveCount(2);
  await expect(topology.minimapNodes).toHaveCount(3);
  await expect(topology.edge('to-grid')).toContainText('to-grid');
  await expect(topology.edge('from-hubs')).toContainText('from-hubs');
  await audit('topology');

  // An edge opens its dataflow.
  await topology.edge('from-hubs').click();
  await expect(page).toHaveURL((url) => url.pathname === `/instances/${instance}/dataflows/from-hubs`);
});

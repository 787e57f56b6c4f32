// The visual dataflow builder: a dataflow built by drag and drop and the inspector, stored as built; drops
// the connection rules refuse; the transformation preview and its samples kept with the dataflow; an
// invalid dataflow saved only as a draft; a stale save meeting the conflict dialog. Deploys and the live
// counters are in builder-runtime.spec.ts (a server with the embedded runtime), the topology in
// topology.spec.ts.
import type { DataflowOperation } from '@flowplane/model';
import { BuilderPage, operationField } from '../pages/builder.page.ts';
import { ConflictDialog } from '../pages/dialogs.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { dataflowOf, endpointOf, sharedInstance } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

// Each test writes dataflows and endpoints of its own names.
const instance = sharedInstance(test, 'e2e-builder');

const SOURCE_TOPIC = 'thermostats/+/telemetry';
const DESTINATION_TOPIC = 'alerts/fahrenheit';
const FILTER = { inputs: ['temperature'], expression: '$1 < -50' };
const PASS_THROUGH = { inputs: ['*'], output: '*' };
const FAHRENHEIT = { inputs: ['temperature'], output: 'temperatureF', expression: '$1 * 9 / 5 + 32' };

/** default → transformation (the filter and both map rules) → default, as the builder should store it. */
function coldAlertOperations(): DataflowOperation[] {
  return [
    { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: [SOURCE_TOPIC] } },
    {
      operationType: 'BuiltInTransformation',
      builtInTransformationSettings: { filter: [FILTER], map: [PASS_THROUGH, FAHRENHEIT] },
    },
    {
      operationType: 'Destination',
      destinationSettings: { endpointRef: 'default', dataDestination: DESTINATION_TOPIC },
    },
  ];
}

test('a broker → broker dataflow built by drag and drop is stored as built', async ({ page, api }) => {
  const name = 'cold-alerts';
  const builder = new BuilderPage(page);
  await builder.gotoNew(instance());
  // A new dataflow reads from the local broker `default` and has no destination yet.
  await expect(builder.stage('Source')).toContainText('default');
  await expect(builder.stage('Destination')).toContainText('Drop an endpoint here');
  await builder.name.fill(name);

  await builder.dropEndpoint('default', 'Destination');
  await expect(builder.stage('Destination')).toContainText('default');
  // The dropped-on stage is selected: its settings show the endpoint.
  await expect(builder.field(operationField(1, 'destinationSettings.endpointRef'))).toHaveValue('default');

  await builder.select('Source');
  await builder.field(operationField(0, 'sourceSettings.dataSources.0')).fill(SOURCE_TOPIC);
  await expect(builder.stage('Source')).toContainText(SOURCE_TOPIC);

  await builder.dropTransformation();
  await expect(builder.inspector('BuiltInTransformation')).toBeVisible();
  const rule = (path: string) => builder.field(operationField(1, `builtInTransformationSettings.${path}`));
  await rule('filter.add').click();
  await rule('filter.0.inputs.add').click();
  await rule('filter.0.inputs.0').fill('temperature');
  await rule('filter.0.expression').fill(FILTER.expression);
  // The stage starts with the pass-through rule; the computed one goes after it.
  await expect(rule('map.0.inputs.0')).toHaveValue('*');
  await expect(rule('map.0.output')).toHaveValue('*');
  await rule('map.add').click();
  await rule('map.1.inputs.add').click();
  await rule('map.1.inputs.0').fill('temperature');
  await rule('map.1.output').fill(FAHRENHEIT.output);
  await rule('map.1.expression').fill(FAHRENHEIT.expression);
  await expect(builder.stage('BuiltInTransformation')).toContainText('1 filter rule');
  await expect(builder.stage('BuiltInTransformation')).toContainText('2 map rules');

  await builder.select('Destination');
  await builder.field(operationField(2, 'destinationSettings.dataDestination')).fill(DESTINATION_TOPIC);
  await expect(builder.stage('Destination')).toContainText(DESTINATION_TOPIC);
  await expect(builder.state).toHaveText('Valid');
  await expect(builder.save).toHaveText('Save');
  await expect(builder.problems).toContainText('None');
  await expect(builder.edges).toHaveCount(2);
  // The minimap draws the three stages too.
  await expect(builder.minimapNodes).toHaveCount(3);

  const created = await builder.create(instance());
  expect(created.status(), await created.text()).toBe(201);
  expect(new URL(created.url()).searchParams.get('draft')).toBeNull();
  await expect(new Toasts(page).success(`Dataflow ${name} created`)).toBeVisible();
  await builder.expectEditing(name);
  // This server runs no runtime: the builder says so and offers no deploy (builder-runtime.spec.ts has one).
  await expect(builder.noRuntime).toHaveText('No runtime serves this instance: deploying is off');
  await expect(builder.deploy).toBeDisabled();

  const stored = await api.get(instance(), 'dataflows', name);
  expect(stored.status).toMatchObject({ draft: false, valid: true });
  expect(stored.spec.profileRef).toBe('default');
  expect(stored.spec.operations).toEqual(coldAlertOperations());
});

test('a drop the connection rules forbid is refused with the reason and changes nothing', async ({
  page,
  api,
}) => {
  await api.createEndpoint(instance(), endpointOf('lake', 'data-lake'));
  await api.createEndpoint(instance(), endpointOf('hubs', 'event-hubs'));
  await api.createEndpoint(instance(), endpointOf('grid', 'event-grid'));
  const builder = new BuilderPage(page);
  const toasts = new Toasts(page);
  await builder.gotoNew(instance());
  await expect(builder.paletteEndpoint('lake')).toHaveAttribute('title', 'Destination only');
  await expect(builder.unsaved).toHaveCount(0);

  await test.step('a destination-only endpoint on the source', async () => {
    // While it hovers, the stage says why it would refuse it; dropped, it is refused with that reason.
    await builder.paletteEndpoint('lake').hover();
    await page.mouse.down();
    await builder.stage('Source').hover();
    await builder.stage('Source').hover({ position: { x: 20, y: 20 } });
    await expect(builder.stage('Source').getByRole('status')).toContainText('can only be a destination');
    await page.mouse.up();
    const refused = toasts.warning('lake cannot go there');
    await expect(refused).toBeVisible();
    await expect(refused).toContainText(
      'A DataLakeStorage endpoint can only be a destination; sources are MQTT or Kafka endpoints.',
    );
    await expect(builder.stage('Source')).toContainText('default');
    await expect(builder.stage('Source')).not.toContainText('lake');
    // Nothing at all changed: the dataflow is still the one the builder started with.
    await expect(builder.unsaved).toHaveCount(0);
  });

  await test.step('two endpoints of which neither is the local broker', async () => {
    await builder.dropEndpoint('hubs', 'Source');
    await expect(builder.stage('Source')).toContainText('hubs');
    await expect(builder.unsaved).toBeVisible();
    await expect(builder.field(operationField(0, 'sourceSettings.endpointRef'))).toHaveValue('hubs');

    await builder.dropEndpoint('grid', 'Destination');
    const refused = toasts.warning('grid cannot go there');
    await expect(refused).toBeVisible();
    await expect(refused).toContainText('One side of every dataflow must be the local MQTT broker');
    await expect(builder.stage('Destination')).toContainText('Drop an endpoint here');
    await expect(builder.stage('Destination')).not.toContainText('grid');
    // The inspector offers it no more than the canvas does.
    await builder.select('Destination');
    const choice = builder.field(operationField(1, 'destinationSettings.endpointRef'));
    await expect(choice.locator('option[value="grid"]')).toBeDisabled();
    await expect(choice.locator('option[value="grid"]')).toHaveText('grid — not allowed here');
  });
});

/** The annotation in which the builder keeps the preview's samples, the dataflow's test cases. */
const TEST_CASES_ANNOTATION = 'flowplane.dev/test-cases';

test('the preview runs samples through the transformation; they are saved as its test cases', async ({
  page,
  api,
}) => {
  const name = 'previewed';
  const seeded = dataflowOf(name, { destination: 'default' });
  seeded.spec.operations = coldAlertOperations();
  await api.create(instance(), 'dataflows', seeded);
  const builder = new BuilderPage(page);
  await builder.gotoEdit(instance(), name);

  await builder.addSample.click();
  await builder.addSample.click();
  const warm = builder.sample(0);
  const frozen = builder.sample(1);
  await warm.payload.fill('{"temperature": 20}');
  await frozen.payload.fill('{"temperature": -60}');

  await expect(warm.verdict).toHaveText('Sent');
  // A field a rule takes as input is not copied by the pass-through rule too (the mapping engine's rule).
  await expect(warm.output).toHaveText(JSON.stringify({ temperatureF: 68 }, null, 2));
  await expect(frozen.verdict).toHaveText(`Dropped by filter rule 1: ${FILTER.expression}`);
  await expect(frozen.output).toHaveCount(0);

  // Their outcomes accepted as expectations, the samples are tests of the transformation.
  await warm.expectThis.click();
  await frozen.expectThis.click();
  await expect(warm.check).toHaveText('Test passes');
  await expect(frozen.check).toHaveText('Test passes');
  await builder.select('BuiltInTransformation');
  const formula = builder.field(operationField(1, 'builtInTransformationSettings.map.1.expression'));
  await formula.fill('$1 * 2');
  await expect(warm.output).toHaveText(JSON.stringify({ temperatureF: 40 }, null, 2));
  await expect(warm.check).toHaveText('Test fails');
  await expect(frozen.check).toHaveText('Test passes');
  await formula.fill(FAHRENHEIT.expression);
  await expect(warm.check).toHaveText('Test passes');

  const saved = await builder.saveChanges(instance(), name);
  expect(saved.status(), await saved.text()).toBe(200);
  await expect(new Toasts(page).success(`Dataflow ${name} saved`)).toBeVisible();
  const stored = await api.get(instance(), 'dataflows', name);
  const cases: unknown = JSON.parse(stored.metadata.annotations?.[TEST_CASES_ANNOTATION] ?? 'null');
  const metadata = { topic: 'thermostats/1/telemetry' };
  expect(cases).toEqual([
    {
      name: 'sample 1',
      metadata,
      input: { temperature: 20 },
      expect: { emit: { temperatureF: 68 }, topic: DESTINATION_TOPIC },
    },
    { name: 'sample 2', metadata, input: { temperature: -60 }, expect: { drop: 0 } },
  ]);
  // The samples change nothing of what runs.
  expect(stored.spec.operations).toEqual(coldAlertOperations());

  // Opened again, the builder runs them again.
  await builder.gotoEdit(instance(), name);
  await expect(builder.sample(0).verdict).toHaveText('Sent');
  await expect(builder.sample(0).check).toHaveText('Test passes');
  await expect(builder.sample(1).verdict).toContainText('Dropped by filter rule 1');
  await expect(builder.sample(1).check).toHaveText('Test passes');
});

test('a dataflow that breaks a rule saves only as a draft, marked invalid', async ({ page, api }) => {
  const name = 'half-done';
  const builder = new BuilderPage(page);
  await builder.gotoNew(instance());
  await builder.name.fill(name);
  await builder.dropEndpoint('default', 'Destination');
  await builder.field(operationField(1, 'destinationSettings.dataDestination')).fill(DESTINATION_TOPIC);
  await builder.select('Source');
  await builder.field(operationField(0, 'sourceSettings.dataSources.0')).fill(SOURCE_TOPIC);
  await builder.dropTransformation();
  const rule = (path: string) => builder.field(operationField(1, `builtInTransformationSettings.${path}`));
  await rule('filter.add').click();
  await rule('filter.0.inputs.add').click();
  await rule('filter.0.inputs.0').fill('temperature');
  // Half an expression: the transformation compiler refuses it.
  await rule('filter.0.expression').fill('$1 <');

  await expect(builder.state).toHaveText('1 problem: saves as a draft');
  await expect(builder.save).toHaveText('Save draft');
  await expect(builder.stageErrors('BuiltInTransformation')).toHaveText('1');
  await expect(builder.stageErrors('Source')).toHaveCount(0);
  await expect(builder.stageErrors('Destination')).toHaveCount(0);
  await expect(builder.problems).toContainText('Transformation ›');

  const created = await builder.create(instance());
  expect(created.status(), await created.text()).toBe(201);
  expect(new URL(created.url()).searchParams.get('draft')).toBe('true');
  await expect(new Toasts(page).success(`Dataflow ${name} created as a draft`)).toBeVisible();
  await builder.expectEditing(name);
  const draft = await api.get(instance(), 'dataflows', name);
  expect(draft.status).toMatchObject({ draft: true, valid: false });
  expect(draft.status?.issues).toEqual([
    expect.objectContaining({ path: '/spec/operations/1/builtInTransformationSettings/filter/0/expression' }),
  ]);

  // Fixed and saved, it is a real dataflow (deployable: builder-runtime.spec.ts).
  await builder.select('BuiltInTransformation');
  await rule('filter.0.expression').fill(FILTER.expression);
  await expect(builder.state).toHaveText('Valid');
  await expect(builder.save).toHaveText('Save');
  const saved = await builder.saveChanges(instance(), name);
  expect(saved.status(), await saved.text()).toBe(200);
  expect(new URL(saved.url()).searchParams.get('draft')).toBeNull();
  await expect(new Toasts(page).success(`Dataflow ${name} saved`)).toBeVisible();
  expect((await api.get(instance(), 'dataflows', name)).status).toMatchObject({ draft: false, valid: true });
});

test('a dataflow missing a required field says what to fill before even a draft can be saved', async ({
  page,
  api,
}) => {
  // The API keeps drafts that break rules, not drafts whose shape is wrong (an empty required topic is a
  // schema error); the builder says so instead of sending what would come back as a 400.
  const name = 'no-destination-topic';
  const builder = new BuilderPage(page);
  await builder.gotoNew(instance());
  await builder.name.fill(name);
  await builder.dropEndpoint('default', 'Destination');
  await builder.select('Source');
  await builder.field(operationField(0, 'sourceSettings.dataSources.0')).fill(SOURCE_TOPIC);
  await expect(builder.state).toContainText('saves as a draft');
  await expect(builder.stageErrors('Destination')).toBeVisible();
  await expect(page.getByTestId('builder-unsaveable')).toContainText('to save, even as a draft');
  await expect(builder.save).toBeDisabled();

  // A topic makes the shape right; what the rules still refuse (here: a topic the local broker cannot take
  // as a destination, with a wildcard) is kept as a draft.
  await builder.select('Destination');
  await builder.field(operationField(1, 'destinationSettings.dataDestination')).fill('out/#');
  await expect(page.getByTestId('builder-unsaveable')).toHaveCount(0);
  await expect(builder.save).toHaveText('Save draft');
  const created = await builder.create(instance());
  expect(created.status(), await created.text()).toBe(201);
  await builder.expectEditing(name);
  await expect(builder.deploy).toBeDisabled();
  expect((await api.get(instance(), 'dataflows', name)).status).toMatchObject({ draft: true, valid: false });
});

test('a save over someone else’s change opens the conflict dialog', async ({ page, api }) => {
  const name = 'contested';
  const read = await api.create(instance(), 'dataflows', dataflowOf(name, { destination: 'default' }));
  const builder = new BuilderPage(page);
  await builder.gotoEdit(instance(), name);

  const theirs = structuredClone(read);
  theirs.spec.operations[1]!.destinationSettings!.dataDestination = 'cloud/theirs';
  await api.replace(instance(), 'dataflows', theirs, read.metadata.resourceVersion);

  await builder.select('Source');
  await builder.field(operationField(0, 'sourceSettings.dataSources.0')).fill('factory/+/mine');
  const refused = await builder.saveChanges(instance(), name);
  expect(refused.status()).toBe(412);
  const dialog = new ConflictDialog(page);
  await expect(dialog.root).toBeVisible();
  // Theirs on the left, mine on the right.
  await dialog.diff.expectChanged('dataDestination: cloud/theirs', 'dataDestination: cloud/temperature');
  await dialog.diff.expectChanged('factory/+/temperature', 'factory/+/mine');

  const put = builder.page.waitForResponse(
    (r) => r.request().method() === 'PUT' && r.url().includes(`/dataflows/${name}`),
  );
  await dialog.overwrite.click();
  expect((await put).status()).toBe(200);
  await expect(dialog.root).toHaveCount(0);
  await expect(new Toasts(page).success(`Dataflow ${name} saved`)).toBeVisible();
  const stored = await api.get(instance(), 'dataflows', name);
  expect(stored.spec.operations).toEqual([
    { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: ['factory/+/mine'] } },
    {
      operationType: 'Destination',
      destinationSettings: { endpointRef: 'default', dataDestination: 'cloud/temperature' },
    },
  ]);
});

test('the builder passes the accessibility audit', async ({ page, api, audit }) => {
  // Kept apart: Fluent's Toolbar once put aria-hidden focus sentinels here (axe aria-hidden-focus).
  const name = 'audited';
  const seeded = dataflowOf(name, { destination: 'default' });
  seeded.spec.operations = coldAlertOperations();
  await api.create(instance(), 'dataflows', seeded);
  const builder = new BuilderPage(page);
  await builder.gotoEdit(instance(), name);
  await builder.addSample.click();
  await expect(builder.sample(0).verdict).toHaveText('Sent');
  await builder.select('BuiltInTransformation');
  await expect(builder.state).toHaveText('Valid');
  await audit('builder');
});

test('in the dark theme the canvas is dark too, and still passes the audit', async ({ page, api, audit }) => {
  // The theme the user chose is kept in localStorage (apps/web/src/shell/theme.ts).
  await page.addInitScript(() => window.localStorage.setItem('flowplane.theme', 'dark'));
  const name = 'dark-audited';
  const seeded = dataflowOf(name, { destination: 'default' });
  seeded.spec.operations = coldAlertOperations();
  await api.create(instance(), 'dataflows', seeded);
  const builder = new BuilderPage(page);
  await builder.gotoEdit(instance(), name);
  await expect(builder.minimapNodes).toHaveCount(3);
  const background = (selector: string) =>
    builder.canvas
      .locator(selector)
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
  // Fluent's dark neutral background 1 (#292929), not React Flow's white.
  expect(await background('.react-flow__minimap')).toBe('rgb(41, 41, 41)');
  expect(await background('.react-flow__controls-button')).toBe('rgb(41, 41, 41)');
  await builder.select('BuiltInTransformation');
  await audit('builder, dark theme');
});

// Editing in the builder beyond endpoints: transformation rules from the palette (clicked or dragged), a
// stage copied from one dataflow and pasted into another (through the system clipboard), formulas, rule
// inputs and destination topics completed as they are typed, and what a storage destination brings.
import { BuilderPage, operationField } from '../pages/builder.page.ts';
import { ConflictDialog } from '../pages/dialogs.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { dataflowOf, endpointOf, sharedInstance } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

const instance = sharedInstance(test, 'e2e-editing');
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const TRANSFORMATION = {
  filter: [{ inputs: ['temperature'], expression: '$1 < -50' }],
  map: [
    { inputs: ['*'], output: '*' },
    { inputs: ['temperature'], output: 'temperatureF', expression: '$1 * 9 / 5 + 32' },
  ],
};

test('a stage copied with Ctrl+C is pasted into another dataflow with Ctrl+V, rules and all', async ({
  page,
  api,
  audit,
}) => {
  const seeded = dataflowOf('copied-from', { destination: 'default' });
  seeded.spec.operations.splice(1, 0, {
    operationType: 'BuiltInTransformation',
    builtInTransformationSettings: TRANSFORMATION,
  });
  await api.create(instance(), 'dataflows', seeded);
  const builder = new BuilderPage(page);
  const toasts = new Toasts(page);
  await builder.gotoEdit(instance(), 'copied-from');
  await builder.select('BuiltInTransformation');
  // `?` lists the shortcuts (the toolbar's Shortcuts button too).
  await builder.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await expect(page.getByTestId('builder-shortcuts')).toContainText('Ctrl+C / Ctrl+V');
  await audit('shortcuts shown');
  await page.getByTestId('builder-shortcuts-toggle').click();
  await expect(page.getByTestId('builder-shortcuts')).toHaveCount(0);
  await builder.select('BuiltInTransformation');
  // The shortcut works from the canvas, not while typing in a field.
  await builder.stage('BuiltInTransformation').focus();
  await page.keyboard.press('ControlOrMeta+c');
  await expect(toasts.info('Stage copied')).toBeVisible();

  await builder.gotoNew(instance());
  await builder.name.fill('pasted-into');
  await expect(builder.stage('BuiltInTransformation')).toHaveCount(0);
  await builder.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+v');
  await expect(builder.stage('BuiltInTransformation')).toContainText('1 filter rule');
  await expect(builder.stage('BuiltInTransformation')).toContainText('2 map rules');
  const rule = (path: string) => builder.field(operationField(1, `builtInTransformationSettings.${path}`));
  await expect(rule('filter.0.expression')).toHaveValue('$1 < -50');
  await expect(rule('map.1.expression')).toHaveValue('$1 * 9 / 5 + 32');

  // Saved, the pasted stage is the copied one.
  await builder.select('Source');
  await builder.field(operationField(0, 'sourceSettings.dataSources.0')).fill('thermostats/+/telemetry');
  await builder.dropEndpoint('default', 'Destination');
  await builder.select('Destination');
  await builder.field(operationField(2, 'destinationSettings.dataDestination')).fill('out/topic');
  const created = await builder.create(instance());
  expect(created.status(), await created.text()).toBe(201);
  const stored = await api.get(instance(), 'dataflows', 'pasted-into');
  expect(stored.spec.operations[1]).toEqual({
    operationType: 'BuiltInTransformation',
    builtInTransformationSettings: TRANSFORMATION,
  });

  // What the clipboard holds when it is no stage is refused with a warning, and changes nothing.
  await page.evaluate(() => navigator.clipboard.writeText('just text'));
  await builder.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+v');
  await expect(toasts.warning('Nothing to paste')).toBeVisible();
});

test('formulas, rule inputs and destination topics complete as they are typed', async ({
  page,
  api,
  audit,
}) => {
  const seeded = dataflowOf('completed', { destination: 'default' });
  seeded.spec.operations.splice(1, 0, {
    operationType: 'BuiltInTransformation',
    builtInTransformationSettings: { map: [{ inputs: ['*'], output: '*' }] },
  });
  await api.create(instance(), 'dataflows', seeded);
  const builder = new BuilderPage(page);
  await builder.gotoEdit(instance(), 'completed');
  await builder.select('BuiltInTransformation');
  const path = (p: string) => operationField(1, `builtInTransformationSettings.${p}`);
  await builder.field(path('map.add')).click();
  await builder.field(path('map.1.inputs.add')).click();

  const input = builder.field(path('map.1.inputs.0'));
  await input.pressSequentially('$me');
  const inputs = builder.completions(path('map.1.inputs.0'));
  await expect(inputs.getByRole('option')).toHaveText(['$metadata.topic', '$metadata.user_property.']);
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue('$metadata.topic');
  await expect(inputs).toHaveCount(0);

  await builder.field(path('map.1.output')).fill('topicLength');
  const formula = builder.field(path('map.1.expression'));
  await formula.pressSequentially('le');
  const calls = builder.completions(path('map.1.expression'));
  await expect(calls.getByRole('option')).toHaveText(['len()function']);
  await audit('formula completions open');
  await page.keyboard.press('Enter');
  await expect(formula).toHaveValue('len(');
  await formula.pressSequentially('$');
  await expect(calls.getByRole('option')).toHaveText(['$1$metadata.topic']);
  await page.keyboard.press('Tab');
  await formula.pressSequentially(')');
  await expect(formula).toHaveValue('len($1)');
  await expect(builder.state).toHaveText('Valid');

  // An MQTT destination topic offers the source topic's levels: the source reads factory/+/temperature.
  await builder.select('Destination');
  const topic = builder.field(operationField(2, 'destinationSettings.dataDestination'));
  await topic.fill('per-device/');
  await topic.pressSequentially('$');
  const levels = builder.completions(operationField(2, 'destinationSettings.dataDestination'));
  await expect(levels.getByRole('option')).toHaveText([
    '${inputTopic}factory/+/temperature',
    '${inputTopic.1}factory',
    '${inputTopic.2}+',
    '${inputTopic.3}temperature',
  ]);
  await levels.getByRole('option', { name: /inputTopic\.2/ }).click();
  await expect(topic).toHaveValue('per-device/${inputTopic.2}');
  await expect(builder.state).toHaveText('Valid');
});

test('transformation rules come from the palette, by click or drag, ready to fill', async ({ page, api }) => {
  const builder = new BuilderPage(page);
  await builder.gotoNew(instance());
  await builder.name.fill('ruled');
  const source = await builder.select('Source');
  // What the local broker's topic filters may be, and how several instances share them.
  await expect(source).toContainText('+ matches one level (factory/+/telemetry), # the rest');
  await expect(source).toContainText('each filter becomes a shared subscription by itself');
  await builder.field(operationField(0, 'sourceSettings.dataSources.0')).fill('thermostats/+/telemetry');
  // A click on a palette item does what its drop does (for those who cannot drag): the first end
  // without an endpoint gets it.
  await builder.paletteEndpoint('default').click();
  await expect(builder.stage('Destination')).toContainText('default');
  await builder.select('Destination');
  // No transformation yet: the destination is the second operation.
  await builder.field(operationField(1, 'destinationSettings.dataDestination')).fill('out/celsius');
  const rule = (path: string) => builder.field(operationField(1, `builtInTransformationSettings.${path}`));

  await builder.paletteTransformation.click();
  await expect(builder.stage('BuiltInTransformation')).toContainText('1 map rule');
  // A rule goes into the transformation, and the cursor waits in the rule's first field to fill.
  await builder.paletteRule('filter').click();
  await expect(builder.stage('BuiltInTransformation')).toContainText('1 filter rule');
  await expect(rule('filter.0.inputs.0')).toBeFocused();
  await page.keyboard.type('temperature');
  await rule('filter.0.expression').fill('$1 > 1000');

  await builder.paletteRule('rename').dragTo(builder.canvas);
  await expect(builder.stage('BuiltInTransformation')).toContainText('2 map rules');
  await expect(builder.state).toContainText('problem');
  await rule('map.1.inputs.0').fill('temp');
  await rule('map.1.output').fill('temperature');

  await builder.paletteRule('enrich').click();
  await expect(builder.paletteRule('enrich')).toBeDisabled();
  await expect(builder.paletteRule('enrich')).toHaveAttribute(
    'title',
    'A transformation takes at most one dataset.',
  );
  await rule('datasets.0.key').fill('devices');
  await rule('datasets.0.inputs.0').fill('$source.deviceId');
  await rule('datasets.0.inputs.1').fill('$context.id');
  await expect(builder.state).toHaveText('Valid');

  const created = await builder.create(instance());
  expect(created.status(), await created.text()).toBe(201);
  const stored = await api.get(instance(), 'dataflows', 'ruled');
  expect(stored.spec.operations[1]).toEqual({
    operationType: 'BuiltInTransformation',
    builtInTransformationSettings: {
      map: [
        { inputs: ['*'], output: '*' },
        { type: 'Rename', inputs: ['temp'], output: 'temperature' },
      ],
      filter: [{ inputs: ['temperature'], expression: '$1 > 1000' }],
      datasets: [{ key: 'devices', inputs: ['$source.deviceId', '$context.id'], expression: '$1 == $2' }],
    },
  });
});

test('a storage destination brings the output format it needs and asks for the schema', async ({
  page,
  api,
}) => {
  await api.createEndpoint(instance(), endpointOf('archive', 'data-lake'));
  const builder = new BuilderPage(page);
  await builder.gotoNew(instance());
  await builder.dropEndpoint('archive', 'Destination');
  // Data Lake writes typed files: the transformation appears, writing Parquet, and wants a schema.
  await expect(builder.stage('BuiltInTransformation')).toBeVisible();
  await builder.select('BuiltInTransformation');
  await expect(
    builder.field(operationField(1, 'builtInTransformationSettings.serializationFormat')),
  ).toHaveValue('Parquet');
  await expect(builder.problems).toContainText('the transformation needs a schemaRef');
  await expect(builder.problems).not.toContainText('needs serializationFormat');
  await builder
    .field(operationField(1, 'builtInTransformationSettings.schemaRef'))
    .fill('aio-sr://plant/temperature:1');
  await expect(builder.problems).not.toContainText('schemaRef');
});

test('unsaved work survives a reload: offered back, restored, and saved over a newer version only by choice', async ({
  page,
  api,
}) => {
  const name = 'kept-work';
  await api.create(instance(), 'dataflows', dataflowOf(name, { destination: 'default' }));
  const builder = new BuilderPage(page);
  await builder.gotoEdit(instance(), name);
  await builder.select('Destination');
  const topic = builder.field(operationField(1, 'destinationSettings.dataDestination'));
  await topic.fill('kept/in/the/browser');
  await expect(builder.unsaved).toBeVisible();

  // Meanwhile someone else saves a change; then the page is reloaded (or the tab closed and reopened).
  const theirs = await api.get(instance(), 'dataflows', name);
  theirs.spec.mode = 'Disabled';
  await api.replace(instance(), 'dataflows', theirs);
  await page.waitForTimeout(400); // the builder writes kept work 300 ms after the last change
  await page.reload();
  await builder.expectEditing(name);
  await expect(builder.recovery).toContainText('Unsaved changes from');
  await expect(builder.recovery).toContainText('The stored dataflow has changed since');
  await expect(builder.unsaved).toHaveCount(0);

  await builder.restore.click();
  await expect(builder.recovery).toHaveCount(0);
  await expect(builder.unsaved).toBeVisible();
  await builder.select('Destination');
  await expect(topic).toHaveValue('kept/in/the/browser');

  // The work was based on the version before theirs: saving asks which to keep.
  await builder.save.click();
  const conflict = new ConflictDialog(page);
  await expect(conflict.root).toBeVisible();
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT');
  await conflict.overwrite.click();
  expect((await saved).status()).toBe(200);
  const stored = await api.get(instance(), 'dataflows', name);
  expect(stored.spec.operations[1]?.destinationSettings?.dataDestination).toBe('kept/in/the/browser');
  await expect(builder.unsaved).toHaveCount(0);

  // Further saves continue from the version just saved (no conflict with oneself).
  await builder.select('Destination');
  await topic.fill('kept/and/saved/again');
  const again = await builder.saveChanges(instance(), name);
  expect(again.status(), await again.text()).toBe(200);
  await expect(conflict.root).toHaveCount(0);

  // Saved: nothing is offered any more.
  await page.reload();
  await builder.expectEditing(name);
  await expect(builder.stage('Destination')).toContainText('kept/and/saved/again');
  await expect(builder.recovery).toHaveCount(0);
});

test('saving twice in a row continues from the version just saved', async ({ page, api }) => {
  const name = 'saved-twice';
  await api.create(instance(), 'dataflows', dataflowOf(name, { destination: 'default' }));
  const builder = new BuilderPage(page);
  await builder.gotoEdit(instance(), name);
  await builder.select('Destination');
  const topic = builder.field(operationField(1, 'destinationSettings.dataDestination'));
  for (const value of ['first/save', 'second/save']) {
    await topic.fill(value);
    const saved = await builder.saveChanges(instance(), name);
    expect(saved.status(), await saved.text()).toBe(200);
  }
  await expect(new ConflictDialog(page).root).toHaveCount(0);
  const stored = await api.get(instance(), 'dataflows', name);
  expect(stored.spec.operations[1]?.destinationSettings?.dataDestination).toBe('second/save');
});

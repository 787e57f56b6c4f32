// Dataflow profiles: created and edited through the form, listed with their values, and not deleted while
// a dataflow runs in them.
import { DeleteDialog } from '../pages/dialogs.page.ts';
import { ProfileDetailPage, ProfilesPage } from '../pages/profiles.page.ts';
import { SECTIONS } from '../pages/shell.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { dataflowOf } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

test('a profile is created, edited, listed, and kept while a dataflow uses it', async ({
  page,
  api,
  instance,
  audit,
}) => {
  const name = 'scaled';
  const profiles = new ProfilesPage(page);
  const detail = new ProfileDetailPage(page);
  const toasts = new Toasts(page);
  await profiles.goto(instance);
  await expect(profiles.row('default')).toBeVisible();
  await audit('profile list');

  const form = await profiles.openNew();
  await form.name.fill(name);
  await form.instanceCount.fill('3');
  await form.logLevel.fill('debug');
  await audit('new profile form');
  const created = await form.create(instance);
  expect(created.status(), await created.text()).toBe(201);
  await expect(toasts.success(`Profile ${name} created`)).toBeVisible();
  await detail.expectShown(instance, name);
  await expect(detail.setting('Instance count')).toHaveText('3');
  await expect(detail.setting('Log level')).toHaveText('debug');
  expect((await api.get(instance, 'profiles', name)).spec).toEqual({
    instanceCount: 3,
    diagnostics: { logs: { level: 'debug' } },
  });

  await detail.edit.click();
  await form.expectEditing(name);
  await expect(form.instanceCount).toHaveValue('3');
  await form.instanceCount.fill('2');
  const saved = await form.saveChanges(instance, name);
  expect(saved.status(), await saved.text()).toBe(200);
  await expect(toasts.success(`Profile ${name} saved`)).toBeVisible();
  await detail.expectShown(instance, name);
  expect((await api.get(instance, 'profiles', name)).spec).toEqual({
    instanceCount: 2,
    diagnostics: { logs: { level: 'debug' } },
  });

  await profiles.shell.open(instance, SECTIONS[3]);
  // Name, instances, log level, metrics port (the platform's default), dataflows.
  await expect(profiles.cells(name)).toContainText(['scaled', '2', 'debug', '9600', '0']);

  await api.create(
    instance,
    'dataflows',
    dataflowOf('scaled-flow', { destination: 'default', profile: name }),
  );
  await detail.goto(instance, name);
  await expect(detail.dataflows).toContainText('scaled-flow');
  await audit('profile detail');
  await detail.delete.click();
  const dialog = new DeleteDialog(page);
  await expect(dialog.title).toHaveText(`${name} is in use`);
  await expect(dialog.usedBy).toHaveText('scaled-flow');
  await expect(dialog.confirm).toHaveCount(0);
  // The same dialog as for an endpoint in use (audited in endpoint-delete.spec.ts).
  await dialog.dismiss.click();
  expect(await api.status(instance, 'profiles', name)).toBe(200);

  // The API refuses it the same way, naming the dataflow.
  const refused = await api.remove(instance, 'profiles', name);
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ usedBy: [{ kind: 'Dataflow', name: 'scaled-flow' }] });
});

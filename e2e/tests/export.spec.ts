// Export: the whole instance as Kubernetes YAML and as an ARM template, downloaded as files that import
// into a fresh instance as the same resources.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { FLAVOURS, type Resource } from '@flowplane/model';
import { ImportExportPage } from '../pages/import-export.page.ts';
import { dataflowOf, endpointOf, profileOf, uniqueName, type Api, type Segment } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

const SEGMENTS: readonly Segment[] = ['endpoints', 'profiles', 'dataflows'];

/** Name → spec of every resource of the instance, by kind. */
async function contents(
  api: Api,
  instance: string,
): Promise<Record<string, Record<string, Resource['spec']>>> {
  const entries = await Promise.all(
    SEGMENTS.map(async (segment) => {
      const list = await api.list(instance, segment);
      return [segment, Object.fromEntries(list.items.map((r) => [r.metadata.name, r.spec]))] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function downloadText(
  page: Page,
  transfer: ImportExportPage,
): Promise<{ download: Download; text: string }> {
  const started = page.waitForEvent('download');
  await transfer.download.click();
  const download = await started;
  const path = await download.path();
  return { download, text: await readFile(path, 'utf8') };
}

test('the instance exported as Kubernetes YAML and as ARM JSON imports as the same resources', async ({
  page,
  api,
  instance,
  audit,
}) => {
  // One endpoint of every flavour, a profile and a dataflow that uses both.
  for (const flavour of FLAVOURS)
    await api.createEndpoint(instance, endpointOf(`ep-${flavour.id}`, flavour.id));
  await api.create(
    instance,
    'profiles',
    profileOf('bulk', { instanceCount: 3, diagnostics: { logs: { level: 'debug' } } }),
  );
  await api.create(
    instance,
    'dataflows',
    dataflowOf('to-mqtt', { destination: 'ep-custom-mqtt', profile: 'bulk' }),
  );
  const original = await contents(api, instance);
  expect(Object.keys(original.endpoints!)).toHaveLength(FLAVOURS.length + 1);

  const transfer = new ImportExportPage(page);
  await transfer.goto(instance, 'export');
  await expect(transfer.format).toHaveValue('kubernetes');
  await expect(transfer.apiVersion).toBeDisabled();
  const targets: string[] = [];
  try {
    for (const format of ['kubernetes', 'arm'] as const) {
      await test.step(format, async () => {
        await transfer.format.selectOption(format);
        const exported = await transfer.runExport(instance);
        expect(exported.status()).toBe(200);
        const body = await exported.text();
        await expect(transfer.output).toHaveValue(body);
        if (format === 'kubernetes') {
          expect(body).toContain('kind: DataflowEndpoint');
          await audit('export result');
        } else {
          expect(JSON.parse(body)).toHaveProperty('resources');
        }

        const { download, text } = await downloadText(page, transfer);
        expect(download.suggestedFilename()).toBe(`${instance}.${format === 'arm' ? 'json' : 'yaml'}`);
        expect(text).toBe(body);

        const target = uniqueName(`e2e-${format}`);
        targets.push(target);
        await api.createInstance(target);
        const result = await api.importText(target, text);
        expect(result.valid).toBe(true);
        expect(await contents(api, target)).toEqual(original);
      });
    }
  } finally {
    for (const target of targets) await api.deleteInstance(target);
  }
});

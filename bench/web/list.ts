// Part `list`: a cold load of the endpoint list of an instance with many endpoints until it is usable,
// against the same page of an instance without any endpoint.
import { API_VERSION, FLAVOURS, type DataflowEndpoint } from '@flowplane/model';
import {
  RUN_TIMEOUT_MS,
  VIEWPORT,
  api,
  countOf,
  disturbanceNote,
  extraScripts,
  measured,
  median,
  openPage,
  postAll,
  sizeLine,
  spread,
  table,
  totalSize,
  verdict,
  type PartContext,
  type PartResult,
} from './common.ts';

export const LIST_INSTANCE = 'default';
const EMPTY_INSTANCE = 'bench-empty';
/** The aim of the portal's issue. */
const AIM_USABLE_MS = 1000;

interface Sample {
  usable: number;
  domContentLoaded: number;
  listStart: number;
  listResponseEnd: number;
}

/**
 * Fills LIST_INSTANCE up to `count` endpoints (its own local broker endpoint, the rest cycling through
 * every flavour's template), and creates EMPTY_INSTANCE without any endpoint.
 */
export async function seedEndpoints(baseUrl: string, count: number): Promise<void> {
  const existing = await countOf(baseUrl, LIST_INSTANCE, 'endpoints');
  const endpoints: DataflowEndpoint[] = Array.from({ length: count - existing }, (_, i) => {
    const flavour = FLAVOURS[i % FLAVOURS.length]!;
    return {
      apiVersion: API_VERSION,
      kind: 'DataflowEndpoint',
      metadata: { name: `bench-${flavour.id}-${String(i).padStart(4, '0')}` },
      spec: flavour.template(),
    };
  });
  await postAll(baseUrl, `/instances/${LIST_INSTANCE}/endpoints`, endpoints);
  const stored = await countOf(baseUrl, LIST_INSTANCE, 'endpoints');
  if (stored !== count) throw new Error(`expected ${count} endpoints in ${LIST_INSTANCE}, found ${stored}`);

  await api(baseUrl, 'POST', '/instances', { name: EMPTY_INSTANCE });
  await api(baseUrl, 'DELETE', `/instances/${EMPTY_INSTANCE}/endpoints/default`);
  if ((await countOf(baseUrl, EMPTY_INSTANCE, 'endpoints')) !== 0)
    throw new Error(`${EMPTY_INSTANCE} is not empty`);
}

// Runs in the page before its own scripts: records when the list became usable (see the header).
function watchUsable(expectedRows: number) {
  const state = window as unknown as { __usable?: number };
  const usable = () => {
    const search = document.querySelector<HTMLInputElement>('input[aria-label="Search endpoints"]');
    if (search === null || search.disabled) return false;
    const rows = document.querySelectorAll('[data-testid^="endpoint-row-"]').length;
    // An empty instance is usable once its empty state (a status message under the table) shows.
    if (expectedRows === 0) return rows === 0 && document.querySelector('main [role="status"]') !== null;
    return rows === expectedRows;
  };
  let seen = false;
  const observer = new MutationObserver(() => {
    if (seen || !usable()) return;
    seen = true;
    observer.disconnect();
    requestAnimationFrame(() => (state.__usable = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

async function measure(
  context: PartContext,
  target: { label: string; instance: string; rows: number },
  scripts?: Set<string>,
): Promise<Sample> {
  const { instance, rows: expectedRows } = target;
  const browserContext = await context.browser.newContext({ viewport: VIEWPORT });
  try {
    await browserContext.addInitScript(watchUsable, expectedRows);
    const page = await openPage(context, browserContext, `endpoint list, ${target.label}`, scripts);
    await page.goto(`${context.baseUrl}/instances/${instance}/endpoints`, { waitUntil: 'commit' });
    try {
      // Only fetches the number recorded in the page; how often it asks does not change it.
      await page.waitForFunction(
        () => (window as unknown as { __usable?: number }).__usable !== undefined,
        null,
        { timeout: RUN_TIMEOUT_MS },
      );
    } catch (error) {
      const rows = await page.locator('[data-testid^="endpoint-row-"]').count();
      throw new Error(
        `${instance}: not usable within ${RUN_TIMEOUT_MS / 1000} s (${rows} of ${expectedRows} rows in the DOM; ` +
          `a virtualized list would need another measure)`,
        { cause: error },
      );
    }
    return await page.evaluate((path) => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const list = performance
        .getEntriesByType('resource')
        .find((entry) => new URL(entry.name).pathname === path) as PerformanceResourceTiming | undefined;
      return {
        usable: (window as unknown as { __usable: number }).__usable,
        domContentLoaded: navigation.domContentLoadedEventEnd,
        listStart: list?.startTime ?? NaN,
        listResponseEnd: list?.responseEnd ?? NaN,
      };
    }, `/api/v1/instances/${instance}/endpoints`);
  } finally {
    await browserContext.close();
  }
}

export async function runList(
  context: PartContext,
  endpoints: number,
  initial: { raw: number; gzip: number },
): Promise<PartResult> {
  const { runs } = context;
  const loaded = new Set<string>();
  const pages = [
    { label: 'empty instance (baseline)', instance: EMPTY_INSTANCE, rows: 0 },
    { label: `${endpoints} endpoints`, instance: LIST_INSTANCE, rows: endpoints },
  ];
  // Warm-up (not counted); the one of the full list also records the scripts the page loads.
  for (const target of pages) await measure(context, target, target.rows > 0 ? loaded : undefined);
  const samples = new Map<string, Sample[]>(pages.map((p) => [p.label, []]));
  const { disturbance } = await measured(async () => {
    for (let run = 0; run < runs; run++) {
      for (const target of pages) {
        const sample = await measure(context, target);
        samples.get(target.label)!.push(sample);
        process.stderr.write(
          `list run ${run + 1}/${runs}: ${target.label.padEnd(26)} usable ${sample.usable.toFixed(0).padStart(5)} ms\n`,
        );
      }
    }
  });

  const extra = extraScripts(context, loaded, 'The endpoint page loads in addition');
  let text =
    extra.text +
    sizeLine('first page + endpoint page', totalSize([initial, extra.total])) +
    '  (the API serves them uncompressed: what travels is the raw size unless a proxy compresses)\n\n';

  const { header, row } = table([
    ['Endpoint list, ms from navigation start', 42],
    ['usable', 8],
    ['vs empty', 10],
    ['p90', 7],
    ['min', 7],
    ['max', 7],
    ['DOMContentLoaded', 18],
    ['list request', 14],
    ['list response', 15],
  ]);
  text += header;
  const baseline = median(samples.get(pages[0]!.label)!.map((s) => s.usable));
  for (const [label, list] of samples) {
    const usable = list.map((s) => s.usable);
    const [mid, p90, min, max] = spread(usable);
    text += row([
      label,
      mid,
      `${(median(usable) / baseline).toFixed(2)}×`,
      p90,
      min,
      max,
      median(list.map((s) => s.domContentLoaded)).toFixed(0),
      median(list.map((s) => s.listStart)).toFixed(0),
      median(list.map((s) => s.listResponseEnd)).toFixed(0),
    ]);
  }
  text += disturbanceNote(disturbance);
  const full = median(samples.get(pages[1]!.label)!.map((s) => s.usable));
  return {
    text,
    disturbance,
    aims: [
      `usable list of ${endpoints} endpoints < ${AIM_USABLE_MS} ms (${full.toFixed(0)} ms median, ${verdict(full < AIM_USABLE_MS)})`,
    ],
  };
}

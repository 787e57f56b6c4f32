// Benchmark of the web portal: how much JavaScript the first page needs, and how long a cold load of the
// endpoint list takes until it is usable with many endpoints, against the same page of an empty instance
// measured in the same run. Medians over runs; no thresholds.
// Run from the repository root: `pnpm bench:web` or `node bench/web/run.ts [endpoints=500] [runs=11]`
// (Node 24; Chromium at /usr/bin/chromium or FLOWPLANE_CHROMIUM). What it prints: bench/web/README.md.
//
// - The portal is built (vite build) and served by the real API process on a fresh database
//   (e2e/support/harness.ts: the same stack the browser tests run against).
// - Initial JS: the entry script and the modulepreloaded chunks of index.html, read from the build, raw
//   and gzip (zlib level 9); then what a cold load of the endpoint page fetches beyond them, as the
//   browser requested it. The API serves these files uncompressed (no compression plugin): the transfer
//   is the raw size unless a proxy compresses.
// - The instance `default` gets `endpoints` endpoints: its own local broker endpoint and the rest created
//   through the API, cycling through every flavour's template. The baseline is an instance without any
//   endpoint (its default endpoint deleted), whose list shows the empty state.
// - Each run is a new browser context (own cache and storage: a cold load) and one navigation. A script
//   added before the page's own watches the DOM and records, in the page's clock (0 = navigation start),
//   the first animation frame after all rows (or the empty state) are in the DOM and the search box is
//   enabled: "usable". Also recorded: DOMContentLoaded, and when the list request started and ended.
// - One warm-up run of each page is not counted; then the two pages alternate, so drift in the machine's
//   load hits both alike. The CPU other processes took meanwhile (/proc/stat minus this process and its
//   descendants: the server, Chromium) flags a disturbed run.
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { API_VERSION, FLAVOURS, type DataflowEndpoint } from '@flowplane/model';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, assertChromium, startStack } from '@flowplane/e2e/harness';

const ENDPOINTS = Number(process.argv[2] ?? 500);
const RUNS = Number(process.argv[3] ?? 11);
const INSTANCE = 'default';
const EMPTY_INSTANCE = 'bench-empty';
const SEED_CONCURRENCY = 8;
const RUN_TIMEOUT_MS = 60_000;
/** The aims of the portal's issue (kB = 1,000 bytes, as vite prints sizes). */
const AIM_INITIAL_GZIP = 300_000;
const AIM_USABLE_MS = 1000;

interface Sample {
  usable: number;
  domContentLoaded: number;
  listStart: number;
  listResponseEnd: number;
}

const began = performance.now();
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** Busy and total CPU ticks of the whole machine so far (/proc/stat, all cores). */
function machineTicks(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
  return { busy, total: busy + idle! + iowait! };
}

/**
 * CPU ticks of this process and all its descendants (the API server, Chromium and its renderers), with
 * the reaped children each one accounts for (cutime, cstime), so renderers of closed contexts still count.
 */
function ourTicks(): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    stats.set(Number(entry), {
      ppid: fields[1]!,
      ticks: fields[11]! + fields[12]! + fields[13]! + fields[14]!,
    });
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = stats.get(p)?.ppid ?? 0, hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, stat] of stats) if (ours(pid)) ticks += stat.ticks;
  return ticks;
}

async function api(baseUrl: string, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
}

async function countEndpoints(baseUrl: string, instance: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/instances/${instance}/endpoints?limit=1000`);
  if (!response.ok) throw new Error(`list ${instance}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

async function seed(baseUrl: string): Promise<void> {
  const existing = await countEndpoints(baseUrl, INSTANCE);
  const endpoints: DataflowEndpoint[] = Array.from({ length: ENDPOINTS - existing }, (_, i) => {
    const flavour = FLAVOURS[i % FLAVOURS.length]!;
    return {
      apiVersion: API_VERSION,
      kind: 'DataflowEndpoint',
      metadata: { name: `bench-${flavour.id}-${String(i).padStart(4, '0')}` },
      spec: flavour.template(),
    };
  });
  let next = 0;
  const worker = async () => {
    while (next < endpoints.length) {
      const endpoint = endpoints[next++]!;
      await api(baseUrl, 'POST', `/instances/${INSTANCE}/endpoints`, endpoint);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  const stored = await countEndpoints(baseUrl, INSTANCE);
  if (stored !== ENDPOINTS)
    throw new Error(`expected ${ENDPOINTS} endpoints in ${INSTANCE}, found ${stored}`);

  await api(baseUrl, 'POST', '/instances', { name: EMPTY_INSTANCE });
  await api(baseUrl, 'DELETE', `/instances/${EMPTY_INSTANCE}/endpoints/default`);
  if ((await countEndpoints(baseUrl, EMPTY_INSTANCE)) !== 0)
    throw new Error(`${EMPTY_INSTANCE} is not empty`);
}

/** The entry script and the chunks index.html preloads, as built. */
function initialScripts(webDir: string): string[] {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const paths = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g)) paths.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g))
    paths.add(match[1]!);
  return [...paths];
}

function sizes(webDir: string, path: string): { raw: number; gzip: number } {
  const body = readFileSync(join(webDir, path));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
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
  browser: Browser,
  baseUrl: string,
  instance: string,
  expectedRows: number,
  scripts?: Set<string>,
): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(watchUsable, expectedRows);
    const page = await context.newPage();
    if (scripts)
      page.on('request', (r) => r.resourceType() === 'script' && scripts.add(new URL(r.url()).pathname));
    await page.goto(`${baseUrl}/instances/${instance}/endpoints`, { waitUntil: 'commit' });
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
    await context.close();
  }
}

assertChromium();
const stack = await startStack({ purpose: 'bench-web', forceBuild: true });
let browser: Browser | undefined;
try {
  process.stderr.write(
    `API on ${stack.baseUrl} (database ${stack.database}); seeding ${ENDPOINTS} endpoints\n`,
  );
  await seed(stack.baseUrl);

  const initial = initialScripts(stack.webDir).map((path) => ({ path, ...sizes(stack.webDir, path) }));
  browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });

  const loaded = new Set<string>();
  const pages = [
    { label: 'empty instance (baseline)', instance: EMPTY_INSTANCE, rows: 0 },
    { label: `${ENDPOINTS} endpoints`, instance: INSTANCE, rows: ENDPOINTS },
  ];
  // Warm-up (not counted); the one of the full list also records the scripts the page loads.
  for (const target of pages) {
    await measure(browser, stack.baseUrl, target.instance, target.rows, target.rows > 0 ? loaded : undefined);
  }
  const samples = new Map<string, Sample[]>(pages.map((p) => [p.label, []]));
  const machineBefore = machineTicks();
  const oursBefore = ourTicks();
  for (let run = 0; run < RUNS; run++) {
    for (const target of pages) {
      const sample = await measure(browser, stack.baseUrl, target.instance, target.rows);
      samples.get(target.label)!.push(sample);
      process.stderr.write(
        `run ${run + 1}/${RUNS}: ${target.label.padEnd(26)} usable ${sample.usable.toFixed(0).padStart(5)} ms\n`,
      );
    }
  }
  const machineAfter = machineTicks();
  const others =
    (machineAfter.busy - machineBefore.busy - (ourTicks() - oursBefore)) /
    (machineAfter.total - machineBefore.total);
  const chromiumVersion = browser.version();
  await browser.close();
  browser = undefined;

  // (a) JavaScript
  const initialPaths = new Set(initial.map((s) => s.path));
  const extra = [...loaded]
    .filter((path) => !initialPaths.has(path))
    .map((path) => ({ path, ...sizes(stack.webDir, path) }));
  const total = (list: { raw: number; gzip: number }[]) => ({
    raw: list.reduce((n, s) => n + s.raw, 0),
    gzip: list.reduce((n, s) => n + s.gzip, 0),
  });
  const initialTotal = total(initial);
  const extraTotal = total(extra);

  const cpu = cpus();
  process.stdout.write(
    `Web portal benchmark: ${ENDPOINTS} endpoints, ${RUNS} cold loads per page (+1 warm-up), medians ` +
      `(Node ${process.version}, Chromium ${chromiumVersion}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ` +
      `other processes ${Math.max(0, others * 100).toFixed(0)}% of the CPU, ${((performance.now() - began) / 1000).toFixed(0)} s)\n\n`,
  );
  const sizeLine = (label: string, size: { raw: number; gzip: number }) =>
    `  ${label.padEnd(44)} ${kB(size.raw).padStart(10)} raw ${kB(size.gzip).padStart(9)} gzip\n`;
  process.stdout.write('Initial JavaScript of the first page (index.html: entry + modulepreload)\n');
  for (const s of initial) process.stdout.write(sizeLine(s.path, s));
  process.stdout.write(sizeLine('total', initialTotal));
  process.stdout.write('The endpoint page loads in addition\n');
  for (const s of extra) process.stdout.write(sizeLine(s.path, s));
  process.stdout.write(sizeLine('total', extraTotal));
  process.stdout.write(
    sizeLine('first page + endpoint page', total([initialTotal, extraTotal])) +
      '  (the API serves them uncompressed: what travels is the raw size unless a proxy compresses)\n\n',
  );

  // (b) Time to a usable list
  const columns: [string, number][] = [
    ['ms from navigation start', 28],
    ['usable', 8],
    ['vs empty', 10],
    ['p90', 7],
    ['min', 7],
    ['max', 7],
    ['DOMContentLoaded', 18],
    ['list request', 14],
    ['list response', 15],
  ];
  const row = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(columns[i]![1]) : cell.padStart(columns[i]![1]))).join('') +
    '\n';
  process.stdout.write(row(columns.map(([title]) => title)));
  const baseline = median(samples.get(pages[0]!.label)!.map((s) => s.usable));
  for (const [label, runs] of samples) {
    const usable = runs.map((s) => s.usable);
    process.stdout.write(
      row([
        label,
        median(usable).toFixed(0),
        `${(median(usable) / baseline).toFixed(2)}×`,
        quantile(usable, 0.9).toFixed(0),
        Math.min(...usable).toFixed(0),
        Math.max(...usable).toFixed(0),
        median(runs.map((s) => s.domContentLoaded)).toFixed(0),
        median(runs.map((s) => s.listStart)).toFixed(0),
        median(runs.map((s) => s.listResponseEnd)).toFixed(0),
      ]),
    );
  }
  if (others > 0.05) {
    process.stdout.write(
      `Other processes (or the hypervisor, as steal time) took ${(others * 100).toFixed(0)}% of the machine's ` +
        'CPU during the measurement: the times are disturbed, run again on a quiet machine.\n',
    );
  }
  const full = median(samples.get(pages[1]!.label)!.map((s) => s.usable));
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
  process.stdout.write(
    `\nAims of the portal: initial JS < ${kB(AIM_INITIAL_GZIP)} gzip (${kB(initialTotal.gzip)}, ` +
      `${yes(initialTotal.gzip < AIM_INITIAL_GZIP)}); usable list of ${ENDPOINTS} endpoints < ${AIM_USABLE_MS} ms ` +
      `(${full.toFixed(0)} ms median, ${yes(full < AIM_USABLE_MS)}).\n`,
  );
} finally {
  await browser?.close();
  await stack.stop();
}

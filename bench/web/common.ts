// What the parts of the web benchmark share: statistics, the CPU-disturbance measure, the API client used
// for seeding, the console watch and the table layout.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const RUN_TIMEOUT_MS = 60_000;
export const SEED_CONCURRENCY = 8;
/** What a cold load of each page gets: its own cache and storage, this window size. */
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** Nearest rank. */
export const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};
export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');

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

/** CPU ticks other processes took (busy minus ours) and all ticks, over the measured windows. */
export interface Disturbance {
  others: number;
  total: number;
}

/** Runs `work` and says how much of the machine's CPU other processes took meanwhile. */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; disturbance: Disturbance }> {
  const machineBefore = machineTicks();
  const oursBefore = ourTicks();
  const result = await work();
  const machineAfter = machineTicks();
  return {
    result,
    disturbance: {
      others: machineAfter.busy - machineBefore.busy - (ourTicks() - oursBefore),
      total: machineAfter.total - machineBefore.total,
    },
  };
}

export const share = (d: Disturbance) => Math.max(0, d.total === 0 ? 0 : d.others / d.total);
export const sumDisturbances = (all: readonly Disturbance[]): Disturbance => ({
  others: all.reduce((n, d) => n + d.others, 0),
  total: all.reduce((n, d) => n + d.total, 0),
});

/** The line a part prints under its table: how busy the rest of the machine was while it measured. */
export function disturbanceNote(d: Disturbance): string {
  const percent = (share(d) * 100).toFixed(0);
  return share(d) > 0.05
    ? `Other processes (or the hypervisor, as steal time) took ${percent}% of the machine's CPU during these ` +
        'runs: the times are disturbed, run again on a quiet machine.\n'
    : `Other processes took ${percent}% of the machine's CPU during these runs.\n`;
}

async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

export async function api(baseUrl: string, method: string, path: string, body?: unknown): Promise<void> {
  await (await call(baseUrl, method, path, body)).arrayBuffer();
}

/** How many items a list of an instance holds (up to the API's page maximum, 1,000). */
export async function countOf(baseUrl: string, instance: string, segment: string): Promise<number> {
  const response = await call(baseUrl, 'GET', `/instances/${instance}/${segment}?limit=1000`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

/** POSTs every body to `path`, SEED_CONCURRENCY at a time. */
export async function postAll(baseUrl: string, path: string, bodies: readonly unknown[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) await api(baseUrl, 'POST', path, bodies[next++]);
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

/** Errors the pages wrote to their console or threw, by page, for the end of the run (stderr). */
export class ConsoleWatch {
  readonly seen = new Map<string, Map<string, number>>();

  watch(page: Page, label: string): void {
    const note = (message: string) => {
      const byMessage = this.seen.get(label) ?? new Map<string, number>();
      byMessage.set(message, (byMessage.get(message) ?? 0) + 1);
      this.seen.set(label, byMessage);
    };
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        const where = message.location().url;
        note(
          `${message.type()}: ${message.text().slice(0, 300)}${where ? ` (${new URL(where).pathname})` : ''}`,
        );
      }
    });
    page.on('pageerror', (error) => note(`uncaught: ${error.message.slice(0, 300)}`));
  }

  report(): string {
    if (this.seen.size === 0) return 'No page wrote an error or a warning to its console.\n';
    let text = 'Console errors and warnings (all runs, warm-ups included):\n';
    for (const [label, byMessage] of this.seen)
      for (const [message, count] of byMessage) text += `  ${label}: ${count} × ${message}\n`;
    return text;
  }
}

/** A fixed-width table: the first column left-aligned, the others right-aligned. */
export function table(columns: readonly (readonly [string, number])[]) {
  const row = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(columns[i]![1]) : cell.padStart(columns[i]![1]))).join('') +
    '\n';
  return { header: row(columns.map(([title]) => title)), row };
}

/** Median, p90 (nearest rank), min and max, formatted as whole milliseconds. */
export function spread(values: readonly number[]): [string, string, string, string] {
  return [ms(median(values)), ms(quantile(values, 0.9)), ms(Math.min(...values)), ms(Math.max(...values))];
}

/**
 * Runs in the page before its own scripts (addInitScript): records on the page's clock, in
 * `window.__ready`, the first animation frame after every selector in `present` matches something and
 * `count.selector` matches exactly `count.n` elements.
 */
export function watchReady(spec: { present: string[]; count?: { selector: string; n: number } }) {
  const state = window as unknown as { __ready?: number };
  const ready = () =>
    spec.present.every((selector) => document.querySelector(selector) !== null) &&
    (spec.count === undefined || document.querySelectorAll(spec.count.selector).length === spec.count.n);
  let seen = false;
  const observer = new MutationObserver(() => {
    if (seen || !ready()) return;
    seen = true;
    observer.disconnect();
    requestAnimationFrame(() => (state.__ready = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/** Waits until the probe of watchReady has recorded its time; returns it. */
export async function readyTime(page: Page, what: () => Promise<string>): Promise<number> {
  try {
    await page.waitForFunction(
      () => (window as unknown as { __ready?: number }).__ready !== undefined,
      null,
      { timeout: RUN_TIMEOUT_MS },
    );
  } catch (error) {
    throw new Error(`not ready within ${RUN_TIMEOUT_MS / 1000} s: ${await what()}`, { cause: error });
  }
  return page.evaluate(() => (window as unknown as { __ready: number }).__ready);
}

/** Start and end (responseEnd) of the first request to each path, on the page's clock; NaN if none. */
export async function requestTimes(
  page: Page,
  paths: readonly string[],
): Promise<{ domContentLoaded: number; requests: { start: number; end: number }[] }> {
  return page.evaluate((wanted) => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return {
      domContentLoaded: navigation.domContentLoadedEventEnd,
      requests: wanted.map((path) => {
        const entry = resources.find((r) => new URL(r.name).pathname === path);
        return { start: entry?.startTime ?? NaN, end: entry?.responseEnd ?? NaN };
      }),
    };
  }, paths);
}

/** The entry script and the chunks index.html preloads, as built. */
export function initialScripts(webDir: string): string[] {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const paths = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g)) paths.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g))
    paths.add(match[1]!);
  return [...paths];
}

export interface Sized {
  path: string;
  raw: number;
  gzip: number;
}

export function sizes(webDir: string, path: string): Sized {
  const body = readFileSync(join(webDir, path));
  return { path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

export const totalSize = (list: readonly { raw: number; gzip: number }[]) => ({
  raw: list.reduce((n, s) => n + s.raw, 0),
  gzip: list.reduce((n, s) => n + s.gzip, 0),
});

export const sizeLine = (label: string, size: { raw: number; gzip: number }) =>
  `  ${label.padEnd(44)} ${kB(size.raw).padStart(10)} raw ${kB(size.gzip).padStart(9)} gzip\n`;

/** Records the path of every script a page requests into `into`. */
export function collectScripts(page: Page, into: Set<string>): void {
  page.on('request', (r) => r.resourceType() === 'script' && into.add(new URL(r.url()).pathname));
}

/** What a part needs from the run. */
export interface PartContext {
  browser: Browser;
  baseUrl: string;
  webDir: string;
  runs: number;
  /** Chromium's CPU throttling of every page (Emulation.setCPUThrottlingRate); 1: none. */
  cpuSlowdown: number;
  /** Paths of the first page's scripts (entry and modulepreloads). */
  initialPaths: ReadonlySet<string>;
  consoleWatch: ConsoleWatch;
}

export interface PartResult {
  /** The part's section of the report (stdout). */
  text: string;
  disturbance: Disturbance;
  /** One line per aim of the issue, with "met" or "NOT met". */
  aims: string[];
}

/** The scripts `loaded` holds beyond the first page's, with their sizes, as a report section. */
export function extraScripts(
  context: PartContext,
  loaded: ReadonlySet<string>,
  title: string,
): { text: string; total: { raw: number; gzip: number } } {
  const extra = [...loaded]
    .filter((path) => !context.initialPaths.has(path))
    .sort()
    .map((path) => sizes(context.webDir, path));
  const total = totalSize(extra);
  return {
    text: `${title}\n${extra.map((s) => sizeLine(s.path, s)).join('')}${sizeLine('total', total)}`,
    total,
  };
}

export const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** A page of `browserContext`, watched for console errors, its CPU slowed down as the run asks. */
export async function openPage(
  context: PartContext,
  browserContext: BrowserContext,
  label: string,
  scripts?: Set<string>,
): Promise<Page> {
  const page = await browserContext.newPage();
  context.consoleWatch.watch(page, label);
  if (scripts) collectScripts(page, scripts);
  if (context.cpuSlowdown !== 1) {
    const session = await browserContext.newCDPSession(page);
    await session.send('Emulation.setCPUThrottlingRate', { rate: context.cpuSlowdown });
  }
  return page;
}

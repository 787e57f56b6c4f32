// Benchmark of the web portal, in Chromium against the real API, each part against a baseline measured in
// the same run. Medians over runs; no thresholds.
// Run from the repository root: `pnpm bench:web` or
// `node bench/web/run.ts [endpoints=500] [runs=11] [--only list,builder,topology]`
// (Node 24; Chromium at /usr/bin/chromium or FLOWPLANE_CHROMIUM). What it prints: bench/web/README.md.
//
// - The portal is built (vite build) and served by the real API process on a fresh database
//   (e2e/support/harness.ts: the same stack the browser tests run against).
// - Initial JS: the entry script and the modulepreloaded chunks of index.html, read from the build, raw
//   and gzip (zlib level 9); each part adds what a cold load of its page fetches beyond them, as the
//   browser requested it. The API serves these files uncompressed (no compression plugin): the transfer
//   is the raw size unless a proxy compresses.
// - Parts (all by default, or those --only names):
//   list (list.ts): the endpoint list of `default` with `endpoints` endpoints (its local broker and the
//     rest cycling through every flavour's template) until usable, against an instance without any;
//   builder (builder.ts): the visual builder on a stored dataflow with a transformation until its three
//     stages and its state show, against the builder of a new dataflow (both in `default`, whose palette
//     lists the same endpoints);
//   topology (topology.ts): frame times while the topology of 300 dataflows is dragged with the mouse,
//     against the same drag on 10 dataflows, and the time until all edges are drawn; runs / 2 runs (rounded down).
// - Each run is a new browser context (own cache and storage: a cold load) and one navigation. A script
//   added before the page's own watches the DOM and records, in the page's clock (0 = navigation start),
//   the first animation frame after the page is usable.
// - One warm-up run of each page is not counted; then the two pages of a part alternate, so drift in the
//   machine's load hits both alike. The CPU other processes took meanwhile (/proc/stat minus this process
//   and its descendants: the server, Chromium) flags a disturbed part.
import { cpus } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, assertChromium, startStack } from '@flowplane/e2e/harness';
import { runBuilder, seedBuilder } from './builder.ts';
import {
  ConsoleWatch,
  initialScripts,
  kB,
  share,
  sizeLine,
  sizes,
  sumDisturbances,
  totalSize,
  verdict,
  type PartContext,
  type PartResult,
} from './common.ts';
import { runList, seedEndpoints } from './list.ts';
import { runTopology, seedTopology } from './topology.ts';

const PARTS = ['list', 'builder', 'topology'] as const;
type Part = (typeof PARTS)[number];

const USAGE = `usage: node bench/web/run.ts [endpoints=500] [runs=11] [--only ${PARTS.join(',')}] [--cpu-slowdown 1]`;

function parseArguments(args: readonly string[]) {
  const positional: number[] = [];
  const only = new Set<Part>();
  let cpuSlowdown = 1;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (flag === '--only') {
      for (const name of value().split(',')) {
        if (!(PARTS as readonly string[]).includes(name))
          throw new Error(`--only takes ${PARTS.join(', ')} (comma-separated), not "${name}"\n${USAGE}`);
        only.add(name as Part);
      }
    } else if (flag === '--cpu-slowdown') {
      cpuSlowdown = Number(value());
      if (!(cpuSlowdown >= 1)) throw new Error(`--cpu-slowdown takes a factor of 1 or more\n${USAGE}`);
    } else if (/^[1-9]\d*$/.test(flag) && inline === undefined) {
      positional.push(Number(flag));
    } else {
      throw new Error(USAGE);
    }
  }
  return {
    endpoints: positional[0] ?? 500,
    runs: positional[1] ?? 11,
    parts: PARTS.filter((p) => only.size === 0 || only.has(p)),
    cpuSlowdown,
  };
}

const {
  endpoints: ENDPOINTS,
  runs: RUNS,
  parts: SELECTED,
  cpuSlowdown: CPU_SLOWDOWN,
} = parseArguments(process.argv.slice(2));
const TOPOLOGY_RUNS = Math.max(1, Math.floor(RUNS / 2));
/** The aim of the portal's issue (kB = 1,000 bytes, as vite prints sizes). */
const AIM_INITIAL_GZIP = 300_000;

const began = performance.now();
assertChromium();
const stack = await startStack({ purpose: 'bench-web', forceBuild: true });
let browser: Browser | undefined;
try {
  const has = (part: Part) => SELECTED.includes(part);
  const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0)} s`;
  process.stderr.write(
    `API on ${stack.baseUrl} (database ${stack.database}); parts: ${SELECTED.join(', ')}\n`,
  );
  // The builder's palette lists the endpoints of `default`: seeded for it too, so that its numbers do not
  // depend on which parts run.
  if (has('list') || has('builder')) {
    process.stderr.write(`${elapsed()}: seeding ${ENDPOINTS} endpoints\n`);
    await seedEndpoints(stack.baseUrl, ENDPOINTS);
  }
  if (has('builder')) await seedBuilder(stack.baseUrl);
  if (has('topology')) {
    process.stderr.write(`${elapsed()}: seeding the topologies (10 and 300 dataflows)\n`);
    await seedTopology(stack.baseUrl);
  }

  const initial = initialScripts(stack.webDir).map((path) => sizes(stack.webDir, path));
  const initialTotal = totalSize(initial);
  browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  const context: PartContext = {
    browser,
    baseUrl: stack.baseUrl,
    webDir: stack.webDir,
    runs: RUNS,
    cpuSlowdown: CPU_SLOWDOWN,
    initialPaths: new Set(initial.map((s) => s.path)),
    consoleWatch: new ConsoleWatch(),
  };
  const parts: Record<Part, () => Promise<PartResult>> = {
    list: () => runList(context, ENDPOINTS, initialTotal),
    builder: () => runBuilder(context, ENDPOINTS),
    topology: () => runTopology(context, TOPOLOGY_RUNS),
  };
  const results: PartResult[] = [];
  for (const part of SELECTED) {
    process.stderr.write(`${elapsed()}: ${part}\n`);
    results.push(await parts[part]());
  }
  process.stderr.write(`${elapsed()}: done\n`);
  const chromiumVersion = browser.version();
  await browser.close();
  browser = undefined;

  const others = share(sumDisturbances(results.map((r) => r.disturbance)));
  const cpu = cpus();
  const counts = [
    has('list') || has('builder') ? `${ENDPOINTS} endpoints` : undefined,
    has('list') || has('builder') ? `${RUNS} cold loads per page` : undefined,
    has('topology') ? `${TOPOLOGY_RUNS} per topology` : undefined,
  ].filter((s) => s !== undefined);
  const slowdown = CPU_SLOWDOWN === 1 ? '' : `, CPU slowed down ${CPU_SLOWDOWN}× (Chromium's throttling)`;
  process.stdout.write(
    `Web portal benchmark (${SELECTED.join(', ')}): ${counts.join(', ')} (+1 warm-up each)${slowdown}, medians ` +
      `(Node ${process.version}, Chromium ${chromiumVersion}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ` +
      `other processes ${(others * 100).toFixed(0)}% of the CPU while measuring, ${elapsed()})\n\n`,
  );
  process.stdout.write('Initial JavaScript of the first page (index.html: entry + modulepreload)\n');
  for (const s of initial) process.stdout.write(sizeLine(s.path, s));
  process.stdout.write(sizeLine('total', initialTotal) + '\n');
  for (const result of results) process.stdout.write(result.text + '\n');
  process.stderr.write(context.consoleWatch.report());

  const aims = [
    `initial JS < ${kB(AIM_INITIAL_GZIP)} gzip (${kB(initialTotal.gzip)}, ${verdict(initialTotal.gzip < AIM_INITIAL_GZIP)})`,
    ...results.flatMap((r) => r.aims),
  ];
  process.stdout.write(`Aims of the portal: ${aims.join('; ')}.\n`);
} finally {
  await browser?.close();
  await stack.stop();
}

// Part `topology`: frame times while the topology view of an instance with many dataflows is panned with
// the mouse, against the same panning on an instance with few dataflows; and how long until it is drawn.
import {
  API_VERSION,
  FLAVOURS,
  type Dataflow,
  type DataflowEndpoint,
  type DataflowOperation,
  type DataflowProfile,
  type FlavourId,
} from '@flowplane/model';
import type { Page } from 'playwright-core';
import {
  api,
  countOf,
  disturbanceNote,
  extraScripts,
  measured,
  median,
  ms,
  openPage,
  postAll,
  quantile,
  readyTime,
  requestTimes,
  spread,
  table,
  watchReady,
  type PartContext,
  type PartResult,
} from './common.ts';

/** Topology of LARGE.dataflows dataflows, and the baseline, each an instance of its own. */
const LARGE = { instance: 'bench-topology', dataflows: 300, endpoints: 40 };
const SMALL = { instance: 'bench-small', dataflows: 10, endpoints: 5 };
/** Dataflows per profile, under the documented limit of 70 (MAX_DATAFLOWS_PER_PROFILE). */
const PER_PROFILE = 60;
/** A desktop window: the canvas is the window's height less 190 px. */
const TOPOLOGY_VIEWPORT = { width: 1280, height: 1000 } as const;
/** The drag: one circle of this radius (px) in PAN_STEPS mouse moves, paced over PAN_MS. */
const PAN_RADIUS = 150;
const PAN_STEPS = 120;
const PAN_MS = 2000;
/** Time left after all edges are drawn, for the fit and the minimap, before the drag begins. */
const SETTLE_MS = 300;
/**
 * The time between two frames is a whole number of display intervals (16.7 ms at 60 Hz, ±0.1 ms): a frame
 * took over 16.7 ms when the next came two intervals or more later, over 33.3 ms when three or more.
 */
const INTERVAL = 1000 / 60;
const OVER_ONE = 1.5 * INTERVAL;
const OVER_TWO = 2.5 * INTERVAL;

const CANVAS = '[data-testid="topology-canvas"]';
const EDGES = `${CANVAS} .react-flow__edge`;

/** Flavours a source may have (the Kafka ones with a consumer group in their template). */
const SOURCE_FLAVOURS: readonly FlavourId[] = ['event-hubs', 'custom-mqtt', 'custom-kafka', 'event-grid'];
/** Destinations: mostly MQTT and Kafka, a few storage endpoints. */
const DESTINATION_FLAVOURS: readonly FlavourId[] = [
  'fabric-real-time',
  'custom-mqtt',
  'data-lake',
  'event-hubs',
  'custom-kafka',
  'local-storage',
  'event-grid',
  'custom-mqtt',
  'data-explorer',
  'custom-kafka',
  'onelake',
  'event-hubs',
];
const STORAGE_TYPES = new Set(['DataLakeStorage', 'FabricOneLake', 'DataExplorer', 'LocalStorage']);

type Role = 'source' | 'destination' | 'both';

interface Plan {
  endpoints: DataflowEndpoint[];
  profiles: DataflowProfile[];
  dataflows: Dataflow[];
}

const flavour = (id: FlavourId) => FLAVOURS.find((f) => f.id === id)!;

/**
 * An instance as operators build them: besides the local broker `default`, a third of the endpoints only
 * send into it (MQTT, Kafka), a third only receive from it (MQTT, Kafka, some storage) and a third do both
 * (an Event Hubs namespace used both ways). Every dataflow has `default` at one end, as the platform
 * requires; every third has a transformation (storage destinations always, Parquet with a schema).
 */
function plan(dataflowCount: number, endpointCount: number): Plan {
  const roles: { name: string; role: Role; type: string }[] = [];
  const endpoints: DataflowEndpoint[] = [];
  for (let i = 0; i < endpointCount - 1; i++) {
    const role: Role = (['source', 'both', 'destination'] as const)[i % 3]!;
    const id =
      role === 'destination'
        ? DESTINATION_FLAVOURS[Math.floor(i / 3) % DESTINATION_FLAVOURS.length]!
        : SOURCE_FLAVOURS[Math.floor(i / 3) % SOURCE_FLAVOURS.length]!;
    const name = `${id}-${String(i + 1).padStart(2, '0')}`;
    const spec = flavour(id).template();
    roles.push({ name, role, type: spec.endpointType });
    endpoints.push({ apiVersion: API_VERSION, kind: 'DataflowEndpoint', metadata: { name }, spec });
  }
  const senders = roles.filter((r) => r.role !== 'destination');
  const receivers = roles.filter((r) => r.role !== 'source');
  const profileNames = Array.from({ length: Math.ceil(dataflowCount / PER_PROFILE) }, (_, k) =>
    k === 0 ? 'default' : `bench-profile-${k}`,
  );
  const profiles: DataflowProfile[] = profileNames.slice(1).map((name) => ({
    apiVersion: API_VERSION,
    kind: 'DataflowProfile',
    metadata: { name },
    spec: { instanceCount: 1 },
  }));

  const dataflows = Array.from({ length: dataflowCount }, (_, j): Dataflow => {
    const n = String(j + 1).padStart(3, '0');
    const inbound = j % 2 === 0;
    const other = inbound ? senders[(j >> 1) % senders.length]! : receivers[(j >> 1) % receivers.length]!;
    const kafka = other.type === 'Kafka';
    const storage = STORAGE_TYPES.has(other.type);
    const operations: DataflowOperation[] = [
      {
        operationType: 'Source',
        sourceSettings: inbound
          ? { endpointRef: other.name, dataSources: [kafka ? `telemetry-${n}` : `site-${n}/+/telemetry`] }
          : { endpointRef: 'default', dataSources: [`plant/line-${n}/+/telemetry`] },
      },
    ];
    if (storage || j % 3 === 0) {
      operations.push({
        operationType: 'BuiltInTransformation',
        builtInTransformationSettings: {
          ...(storage ? { serializationFormat: 'Parquet', schemaRef: 'aio-sr://ns/schema:1.0.0' } : {}),
          filter: [{ inputs: ['temperature'], expression: '$1 < -50' }],
          map: [
            { inputs: ['*'], output: '*' },
            { inputs: ['temperature'], output: 'temperatureF', expression: '$1 * 9 / 5 + 32' },
          ],
        },
      });
    }
    operations.push({
      operationType: 'Destination',
      destinationSettings: inbound
        ? { endpointRef: 'default', dataDestination: `ingest/${other.name}/${n}` }
        : {
            endpointRef: other.name,
            dataDestination: storage ? 'telemetry' : kafka ? `out-${n}` : `out/${n}/\${inputTopic.3}`,
          },
    });
    return {
      apiVersion: API_VERSION,
      kind: 'Dataflow',
      metadata: { name: `${inbound ? 'from' : 'to'}-${other.name}-${n}` },
      spec: { profileRef: profileNames[j % profileNames.length]!, operations },
    };
  });
  return { endpoints, profiles, dataflows };
}

async function seedInstance(baseUrl: string, instance: string, dataflows: number, endpoints: number) {
  const { endpoints: toCreate, profiles, dataflows: flows } = plan(dataflows, endpoints);
  await api(baseUrl, 'POST', '/instances', { name: instance });
  await postAll(baseUrl, `/instances/${instance}/endpoints`, toCreate);
  await postAll(baseUrl, `/instances/${instance}/profiles`, profiles);
  await postAll(baseUrl, `/instances/${instance}/dataflows`, flows);
  const stored = await countOf(baseUrl, instance, 'dataflows');
  if (stored !== dataflows)
    throw new Error(`expected ${dataflows} dataflows in ${instance}, found ${stored}`);
}

export async function seedTopology(baseUrl: string): Promise<void> {
  for (const size of [SMALL, LARGE])
    await seedInstance(baseUrl, size.instance, size.dataflows, size.endpoints);
}

interface FrameState {
  __frames?: { deltas: number[]; moved: number; stop: boolean };
}

// In the page: from the next animation frame on, the time between consecutive frames (the timestamps
// rAF passes, the frame's begin time) and the largest distance the canvas moved from where it was.
function startFrames(canvas: string) {
  const state: { deltas: number[]; moved: number; stop: boolean } = { deltas: [], moved: 0, stop: false };
  (window as unknown as FrameState).__frames = state;
  const viewport = document.querySelector<HTMLElement>(`${canvas} .react-flow__viewport`);
  const offset = () => {
    const match = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(viewport?.style.transform ?? '');
    return match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  };
  const [x0, y0] = offset();
  let last: number | undefined;
  const tick = (now: number) => {
    if (last !== undefined) state.deltas.push(now - last);
    last = now;
    const [x, y] = offset();
    state.moved = Math.max(state.moved, Math.hypot(x! - x0!, y! - y0!));
    if (!state.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopFrames() {
  const state = (window as unknown as FrameState).__frames!;
  state.stop = true;
  return { deltas: state.deltas, moved: state.moved };
}

// In the page: a point of the empty pane (nothing drawn on it), scanning rows of the canvas from the left.
function panePoint(canvas: string) {
  const box = document.querySelector(canvas)!.getBoundingClientRect();
  for (const fraction of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const y = box.top + box.height * fraction;
    for (let x = box.left + 10; x < box.right - 10; x += 10) {
      if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    }
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Presses on the pane and drags it along one circle, in small steps paced over PAN_MS. */
async function pan(page: Page, start: { x: number; y: number }): Promise<number> {
  const centre = { x: start.x + PAN_RADIUS, y: start.y };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const began = performance.now();
  for (let i = 1; i <= PAN_STEPS; i++) {
    const angle = (2 * Math.PI * i) / PAN_STEPS;
    await page.mouse.move(centre.x - PAN_RADIUS * Math.cos(angle), centre.y + PAN_RADIUS * Math.sin(angle));
    const wait = began + (i * PAN_MS) / PAN_STEPS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await page.mouse.up();
  return performance.now() - began;
}

interface Sample {
  drawn: number;
  domContentLoaded: number;
  dataflowsEnd: number;
  deltas: number[];
  panMs: number;
}

interface Target {
  label: string;
  instance: string;
  dataflows: number;
}

async function measure(context: PartContext, target: Target, scripts?: Set<string>): Promise<Sample> {
  const browserContext = await context.browser.newContext({ viewport: TOPOLOGY_VIEWPORT });
  try {
    await browserContext.addInitScript(watchReady, {
      present: [`${CANVAS} .react-flow__pane`],
      count: { selector: EDGES, n: target.dataflows },
    });
    const page = await openPage(context, browserContext, `topology, ${target.label}`, scripts);
    await page.goto(`${context.baseUrl}/instances/${target.instance}/dataflows/topology`, {
      waitUntil: 'commit',
    });
    const drawn = await readyTime(
      page,
      async () =>
        `${target.label}: ${await page.locator(EDGES).count()} of ${target.dataflows} edges in the DOM`,
    );
    const times = await requestTimes(page, [`/api/v1/instances/${target.instance}/dataflows`]);
    await sleep(SETTLE_MS);
    const start = await page.evaluate(panePoint, CANVAS);
    if (start === undefined) throw new Error(`${target.label}: no empty spot of the pane to press on`);
    await page.evaluate(startFrames, CANVAS);
    const panMs = await pan(page, start);
    const frames = await page.evaluate(stopFrames);
    if (!(frames.moved > PAN_RADIUS))
      throw new Error(
        `${target.label}: the canvas moved ${frames.moved} px while dragged ${2 * PAN_RADIUS} px away`,
      );
    return {
      drawn,
      domContentLoaded: times.domContentLoaded,
      dataflowsEnd: times.requests[0]!.end,
      deltas: frames.deltas,
      panMs,
    };
  } finally {
    await browserContext.close();
  }
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

export async function runTopology(context: PartContext, runs: number): Promise<PartResult> {
  const targets: Target[] = [
    {
      label: `${SMALL.dataflows} dataflows (baseline)`,
      instance: SMALL.instance,
      dataflows: SMALL.dataflows,
    },
    { label: `${LARGE.dataflows} dataflows`, instance: LARGE.instance, dataflows: LARGE.dataflows },
  ];
  // Warm-up (not counted); the one of the large topology records the scripts the page loads.
  const loaded = new Set<string>();
  await measure(context, targets[0]!);
  await measure(context, targets[1]!, loaded);

  const samples = new Map<string, Sample[]>(targets.map((t) => [t.label, []]));
  const { disturbance } = await measured(async () => {
    for (let run = 0; run < runs; run++) {
      for (const target of targets) {
        const sample = await measure(context, target);
        samples.get(target.label)!.push(sample);
        process.stderr.write(
          `topology run ${run + 1}/${runs}: ${target.label.padEnd(24)} drawn ${sample.drawn.toFixed(0).padStart(5)} ms, ` +
            `${sample.deltas.length} frames in ${sample.panMs.toFixed(0)} ms, median ${median(sample.deltas).toFixed(1)}, ` +
            `p95 ${quantile(sample.deltas, 0.95).toFixed(1)}, max ${Math.max(...sample.deltas).toFixed(1)} ms\n`,
        );
      }
    }
  });

  let text = extraScripts(context, loaded, 'The topology page loads in addition to the first page').text;
  text += '\n';
  const drawnTable = table([
    [`Topology drawn (all edges in the DOM), ms from navigation start`, 64],
    ['drawn', 7],
    [`vs ${SMALL.dataflows}`, 7],
    ['p90', 7],
    ['min', 7],
    ['max', 7],
    ['DOMContentLoaded', 18],
    ['dataflows response', 20],
  ]);
  text += drawnTable.header;
  const baselineDrawn = median(samples.get(targets[0]!.label)!.map((s) => s.drawn));
  for (const [label, list] of samples) {
    const drawn = list.map((s) => s.drawn);
    const [mid, p90, min, max] = spread(drawn);
    text += drawnTable.row([
      label,
      mid,
      `${(median(drawn) / baselineDrawn).toFixed(2)}×`,
      p90,
      min,
      max,
      ms(median(list.map((s) => s.domContentLoaded))),
      ms(median(list.map((s) => s.dataflowsEnd))),
    ]);
  }
  text += '\n';
  const frameTable = table([
    [`Panning (${PAN_MS / 1000} s drag per run), frame time in ms, all runs`, 64],
    ['drag ms', 9],
    ['frames', 8],
    ['fps', 6],
    ['median', 8],
    ['p95', 7],
    [`p95 vs ${SMALL.dataflows}`, 11],
    ['max', 7],
    ['> 16.7 ms', 11],
    ['> 33.3 ms', 11],
  ]);
  text += frameTable.header;
  const baselineP95 = quantile(
    samples.get(targets[0]!.label)!.flatMap((s) => s.deltas),
    0.95,
  );
  for (const [label, list] of samples) {
    const deltas = list.flatMap((s) => s.deltas);
    const total = deltas.reduce((n, d) => n + d, 0);
    text += frameTable.row([
      label,
      ms(median(list.map((s) => s.panMs))),
      String(deltas.length),
      ((1000 * deltas.length) / total).toFixed(0),
      median(deltas).toFixed(1),
      quantile(deltas, 0.95).toFixed(1),
      `${(quantile(deltas, 0.95) / baselineP95).toFixed(2)}×`,
      Math.max(...deltas).toFixed(1),
      percent(deltas.filter((d) => d > OVER_ONE).length, deltas.length),
      percent(deltas.filter((d) => d > OVER_TWO).length, deltas.length),
    ]);
  }
  text +=
    `  (drag ms: the ${PAN_STEPS} mouse moves, paced over ${PAN_MS} ms, each awaited until the page took it; ` +
    'headless Chromium has no GPU here: every frame is rasterized in software on this CPU)\n';
  text += disturbanceNote(disturbance);
  return { text, disturbance, aims: [] };
}

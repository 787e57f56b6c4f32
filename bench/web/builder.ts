// Part `builder`: a cold load of the visual builder on a stored dataflow with a transformation until the
// builder is usable, against the same page for a new dataflow.
import { API_VERSION, type Dataflow } from '@flowplane/model';
import {
  VIEWPORT,
  api,
  disturbanceNote,
  extraScripts,
  measured,
  median,
  ms,
  openPage,
  readyTime,
  requestTimes,
  spread,
  table,
  watchReady,
  type PartContext,
  type PartResult,
} from './common.ts';

const INSTANCE = 'default';
const DATAFLOW = 'bench-thermostats';
const stage = (name: string) => `[data-testid="stage-${name}"]`;
const STATE = '[data-testid="builder-state"]';

/** default → filter and four map rules → default, valid (the builder shows "Valid"). */
function thermostats(): Dataflow {
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: { name: DATAFLOW },
    spec: {
      profileRef: 'default',
      operations: [
        {
          operationType: 'Source',
          name: 'thermostats',
          sourceSettings: { endpointRef: 'default', dataSources: ['thermostats/+/telemetry'] },
        },
        {
          operationType: 'BuiltInTransformation',
          name: 'fahrenheit',
          builtInTransformationSettings: {
            filter: [
              {
                description: 'Drop frozen sensors',
                inputs: ['temperature', 'humidity'],
                expression: '$1 < -50 || $2 > 100',
              },
            ],
            map: [
              { type: 'PassThrough', inputs: ['*'], output: '*' },
              {
                type: 'Compute',
                inputs: ['temperature'],
                output: 'temperatureF',
                expression: '$1 * 9 / 5 + 32',
              },
              { type: 'Rename', inputs: ['deviceId'], output: 'device' },
              { type: 'Compute', inputs: ['humidity'], output: 'humidityRatio', expression: '$1 / 100' },
            ],
          },
        },
        {
          operationType: 'Destination',
          name: 'out',
          destinationSettings: { endpointRef: 'default', dataDestination: 'out/${inputTopic.2}' },
        },
      ],
    },
  };
}

export async function seedBuilder(baseUrl: string): Promise<void> {
  await api(baseUrl, 'POST', `/instances/${INSTANCE}/dataflows`, thermostats());
}

interface Sample {
  usable: number;
  domContentLoaded: number;
  dataflowEnd: number;
  endpointsStart: number;
  endpointsEnd: number;
}

interface Target {
  label: string;
  path: string;
  present: string[];
}

async function measure(context: PartContext, target: Target, scripts?: Set<string>) {
  const browserContext = await context.browser.newContext({ viewport: VIEWPORT });
  try {
    await browserContext.addInitScript(watchReady, { present: target.present });
    const page = await openPage(context, browserContext, `builder, ${target.label}`, scripts);
    await page.goto(`${context.baseUrl}${target.path}`, { waitUntil: 'commit' });
    const usable = await readyTime(page, async () => {
      const found = await Promise.all(target.present.map((s) => page.locator(s).count()));
      return `${target.label}: ${target.present.filter((_, i) => found[i] === 0).join(', ')} missing`;
    });
    const times = await requestTimes(page, [
      `/api/v1/instances/${INSTANCE}/dataflows/${DATAFLOW}`,
      `/api/v1/instances/${INSTANCE}/endpoints`,
    ]);
    const sample: Sample = {
      usable,
      domContentLoaded: times.domContentLoaded,
      dataflowEnd: times.requests[0]!.end,
      endpointsStart: times.requests[1]!.start,
      endpointsEnd: times.requests[1]!.end,
    };
    const transformation = stage('BuiltInTransformation');
    return {
      sample,
      state: await page.locator(STATE).innerText(),
      transformation: target.present.includes(transformation)
        ? await page.locator(transformation).innerText()
        : '',
    };
  } finally {
    await browserContext.close();
  }
}

export async function runBuilder(context: PartContext, endpoints: number): Promise<PartResult> {
  const { runs } = context;
  const targets: Target[] = [
    {
      label: 'new dataflow (baseline)',
      path: `/instances/${INSTANCE}/dataflows/new`,
      present: [stage('Source'), STATE],
    },
    {
      label: 'dataflow with transformation',
      path: `/instances/${INSTANCE}/dataflows/${DATAFLOW}/edit`,
      present: [stage('Source'), stage('BuiltInTransformation'), stage('Destination'), STATE],
    },
  ];
  // Warm-up (not counted): records the scripts of the stored dataflow's page and checks it is the one seeded.
  const loaded = new Set<string>();
  await measure(context, targets[0]!);
  const opened = await measure(context, targets[1]!, loaded);
  if (opened.state !== 'Valid' || !opened.transformation.includes('1 filter rule'))
    throw new Error(
      `the builder shows ${DATAFLOW} as "${opened.state}" with a transformation stage "${opened.transformation}"`,
    );

  const samples = new Map<string, Sample[]>(targets.map((t) => [t.label, []]));
  const { disturbance } = await measured(async () => {
    for (let run = 0; run < runs; run++) {
      for (const target of targets) {
        const { sample } = await measure(context, target);
        samples.get(target.label)!.push(sample);
        process.stderr.write(
          `builder run ${run + 1}/${runs}: ${target.label.padEnd(29)} usable ${sample.usable.toFixed(0).padStart(5)} ms\n`,
        );
      }
    }
  });

  let text = extraScripts(
    context,
    loaded,
    'The builder (stored dataflow) loads in addition to the first page',
  ).text;
  text += '\n';
  const { header, row } = table([
    [`Builder (${endpoints} endpoints), ms from navigation start`, 51],
    ['usable', 8],
    ['vs new', 8],
    ['p90', 7],
    ['min', 7],
    ['max', 7],
    ['DOMContentLoaded', 18],
    ['dataflow response', 19],
    ['endpoints request', 19],
    ['endpoints response', 20],
  ]);
  text += header;
  const baseline = median(samples.get(targets[0]!.label)!.map((s) => s.usable));
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
      ms(median(list.map((s) => s.domContentLoaded))),
      ms(median(list.map((s) => s.dataflowEnd))),
      ms(median(list.map((s) => s.endpointsStart))),
      ms(median(list.map((s) => s.endpointsEnd))),
    ]);
  }
  text += disturbanceNote(disturbance);
  return { text, disturbance, aims: [] };
}

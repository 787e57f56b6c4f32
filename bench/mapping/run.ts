// Benchmark of the transformation engine on the docs' main example (spec §13 E1: filter + pass-through +
// compute + rename) against a hand-written function doing the same thing, in the same process.
// Run from the repository root: `node bench/mapping/run.ts [rounds] [messagesPerRound]` (Node 24).
import { compileTransformation } from '../../packages/mapping/src/index.ts';
import type { Message, TransformResult } from '../../packages/mapping/src/index.ts';

const rounds = Number(process.argv[2] ?? 7);
const perRound = Number(process.argv[3] ?? 1_000_000);

const E1 = {
  filter: [{ inputs: ['temperature.Value', '"Tag 10".Value'], expression: '$1 * $2 < 100000' }],
  map: [
    { inputs: ['*'], output: '*' },
    { inputs: ['temperature.Value'], output: 'TemperatureF', expression: 'cToF($1)' },
    { inputs: ['"Tag 10".Value'], output: 'Humidity' },
  ],
};

interface Telemetry {
  temperature: { SourceTimestamp: string; Value: number; StatusCode: { Code: number; Symbol: string } };
  'Tag 10': { SourceTimestamp: string; Value: number };
  deviceId: string;
}

/** The same transformation written by hand, as an engineer would for this one message shape. */
function handWritten(message: Message): TransformResult {
  const p = message.payload as Telemetry;
  const temperature = p.temperature.Value;
  const humidity = p['Tag 10'].Value;
  if (temperature * humidity < 100000) return { kind: 'drop', rule: 0 };
  const { Value: _t, ...restTemperature } = p.temperature;
  const { Value: _h, ...restTag } = p['Tag 10'];
  const payload = {
    ...p,
    temperature: restTemperature,
    'Tag 10': restTag,
    TemperatureF: (temperature * 9) / 5 + 32,
    Humidity: humidity,
  };
  return {
    kind: 'emit',
    message: message.metadata === undefined ? { payload } : { payload, metadata: message.metadata },
  };
}

function makeMessages(n: number): Message[] {
  const messages: Message[] = [];
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < n; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60, i % 1000)).toISOString();
    messages.push({
      payload: {
        temperature: {
          SourceTimestamp: ts,
          Value: Math.round(random() * 1000) / 10,
          StatusCode: { Code: 0, Symbol: 'Good' },
        },
        'Tag 10': { SourceTimestamp: ts, Value: Math.floor(random() * 20000) },
        deviceId: `thermostat-${i % 100}`,
      },
      metadata: { topic: 'azure-iot-operations/data/thermostat' },
    });
  }
  return messages;
}

const compiled = compileTransformation(E1);
// The closure executor (used for traces, and where code generation is unavailable), for comparison.
const closures = compileTransformation(E1, { codegen: false });
const messages = makeMessages(1024);
const texts = messages.map((m) => JSON.stringify(m.payload));

// The two implementations must agree before their speed means anything.
let emitted = 0;
for (const m of messages) {
  const a = compiled(m);
  const b = handWritten(m);
  if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(closures(m)) !== JSON.stringify(b)) {
    console.error('engine and hand-written results differ', JSON.stringify(a), JSON.stringify(b));
    process.exit(1);
  }
  if (a.kind === 'emit') emitted++;
}
const avgBytes = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);

type Transform = (m: Message) => TransformResult;
let sink = 0;

function parsedObjects(f: Transform): number {
  const start = performance.now();
  for (let i = 0; i < perRound; i++) {
    const r = f(messages[i & 1023] as Message);
    if (r.kind === 'emit') sink++;
  }
  return perRound / ((performance.now() - start) / 1000);
}

function withJson(f: Transform): number {
  const n = perRound / 4;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const r = f({ payload: JSON.parse(texts[i & 1023] as string) as unknown, metadata: { topic: 't' } });
    if (r.kind === 'emit') sink += JSON.stringify(r.message.payload).length;
  }
  return n / ((performance.now() - start) / 1000);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const results = {
  engine: [] as number[],
  hand: [] as number[],
  closures: [] as number[],
  engineJson: [] as number[],
  handJson: [] as number[],
};
// Warm-up so every implementation is optimized before measuring.
parsedObjects(compiled);
parsedObjects(handWritten);
parsedObjects(closures);
for (let r = 0; r < rounds; r++) {
  // Alternate the order so neither side always runs on a warmer or cooler machine.
  if (r % 2 === 0) {
    results.engine.push(parsedObjects(compiled));
    results.hand.push(parsedObjects(handWritten));
    results.closures.push(parsedObjects(closures));
    results.engineJson.push(withJson(compiled));
    results.handJson.push(withJson(handWritten));
  } else {
    results.closures.push(parsedObjects(closures));
    results.hand.push(parsedObjects(handWritten));
    results.engine.push(parsedObjects(compiled));
    results.handJson.push(withJson(handWritten));
    results.engineJson.push(withJson(compiled));
  }
}

const fmt = (x: number): string => `${(x / 1e6).toFixed(2)} M msg/s`;
const e = median(results.engine);
const h = median(results.hand);
const ej = median(results.engineJson);
const hj = median(results.handJson);
const c = median(results.closures);
console.log(`mapping benchmark: E1 (filter + pass-through + compute + rename), node ${process.version}`);
console.log(
  `${messages.length} distinct messages, ~${avgBytes} bytes of JSON each, ${emitted} of them pass the filter`,
);
console.log(`${rounds} rounds of ${perRound} messages (JSON: ${perRound / 4}); medians:`);
console.log('');
console.log(`parsed objects       engine ${fmt(e)}   hand-written ${fmt(h)}   ratio ${(e / h).toFixed(2)}x`);
console.log(
  `JSON parse+stringify engine ${fmt(ej)}   hand-written ${fmt(hj)}   ratio ${(ej / hj).toFixed(2)}x`,
);
console.log(`closure executor (codegen: false), parsed objects: ${fmt(c)}, ratio ${(c / h).toFixed(2)}x`);
if (sink === -1) console.log(sink);

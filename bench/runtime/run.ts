// Benchmark of the dataflow runtime as an MQTT relay: in/<device> → add temperatureF → out/<device>, QoS 1
// end to end, against a direct hop (publisher → broker → subscriber, no relay) and a hand-written mqtt.js
// relay (relay.ts), all measured in the same run against the benchmark's own Mosquitto. Medians over rounds.
// Run from the repository root: `node bench/runtime/run.ts [messages] [rounds]` (Node 24; Mosquitto 2 at
// /usr/sbin/mosquitto or on PATH). What it prints and how to read it: bench/runtime/README.md.
//
// Per relay and round: a fresh Mosquitto (own port and temporary configuration; nothing carries over from
// one measurement to the next) and a fresh relay process (ready once a probe makes it to out/#), then
// - warm-up: messages / 10, at most 10,000, not counted;
// - latency: 5,000 msg/s for 5 s; each payload carries its publish time, p50/p99 of receive − publish;
// - saturation: `messages` JSON messages of ~200 bytes at QoS 1 to in/0 … in/99, as fast as the publisher
//   can with at most 1,000 PUBACKs outstanding; msg/s from the first publish to the last message received;
//   CPU time of the relay process (/proc/<pid>/stat utime+stime, all its threads) and of the broker over
//   this phase, per delivered message;
// - lost and duplicated messages from the sequence number in each payload (all phases); peak memory is the
//   relay's VmHWM (/proc/<pid>/status) when it is stopped; the CPU other processes (and steal time) used
//   meanwhile (/proc/stat minus ours), to flag disturbed runs.
// Publisher and subscriber are two mqtt.js connections in this process: one clock for latency, and on 2
// cores one load-generating process instead of two, which leaves the most CPU to the relay (with a relay,
// three busy processes share two cores: this one, Mosquitto and the relay). This process spends ~27 µs of
// CPU per message, so the direct hop is the ceiling of this load generator (~1 core), not of Mosquitto.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as tcpConnect, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connect } from './mqtt.ts';
import type { MqttClient } from './mqtt.ts';

const messages = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 3);
const WINDOW = 1000;
const DEVICES = 100;
const RATE = 5000;
const LATENCY_MESSAGES = RATE * 5;
const WARMUP = Math.min(10_000, Math.max(1000, Math.floor(messages / 10)));
/** How long a phase waits without receiving anything before it counts the missing messages as lost. */
const QUIET_MS = 3000;
const READY_TIMEOUT_MS = 15_000;
const PROBE_SEQ = 2 ** 31;

const root = fileURLToPath(new URL('../../', import.meta.url));
const relayScript = fileURLToPath(new URL('./relay.ts', import.meta.url));
const dataflow = fileURLToPath(new URL('./dataflow.yaml', import.meta.url));
const mosquittoBinary = existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : 'mosquitto';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // getconf missing: Linux uses 100 ticks per second.
}

/** A file under /proc/<pid>, or '' once the process is gone. */
function proc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** CPU time (user + system, all threads) of a process so far, in microseconds. */
function cpuMicros(pid: number): number {
  const stat = proc(pid, 'stat');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return stat ? ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6 : NaN;
}

/** CPU time the whole machine spent busy and in total (busy + idle, all cores) so far, in microseconds. */
function machineMicros(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((x) => (Number(x) / ticksPerSecond) * 1e6);
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}

/** Peak resident memory of a process, in MB. */
function peakMegabytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(proc(pid, 'status'));
  return match ? Number(match[1]) / 1024 : NaN;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// Whatever ends this process (the end, an error, Ctrl-C) ends the broker and relay it started.
const children = new Set<ChildProcess>();
const temporary = new Set<string>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
process.once('SIGINT', () => process.exit(130));

/** Starts a child process that the exit handler above ends if nothing else does. */
function start(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function startBroker(): Promise<{
  url: string;
  pid: number;
  stop: () => Promise<void>;
}> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'flowplane-bench-mosquitto-'));
  temporary.add(dir);
  // Mosquitto started as root drops to the mosquitto user, which must still read its configuration.
  await chmod(dir, 0o755);
  const config = join(dir, 'mosquitto.conf');
  await writeFile(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      // Never drop a QoS 1 message however far a relay falls behind; 1,000 in flight per client each way
      // (sent to MQTT v5 clients as Receive Maximum), like the publisher's window.
      'max_queued_messages 0',
      'max_inflight_messages 1000',
      'set_tcp_nodelay true',
      'connection_messages false',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const child = start(mosquittoBinary, ['-c', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.once('error', (error) => (log += error.message));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
    temporary.delete(dir);
  };
  for (let attempt = 0; ; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket: Socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) break;
    if (child.exitCode !== null || attempt === 50) {
      await stop();
      throw new Error(`mosquitto did not start on port ${port}: ${log.trim()}`);
    }
    await sleep(100);
  }
  return { url: `mqtt://127.0.0.1:${port}`, pid: child.pid!, stop };
}

async function client(url: string, name: string): Promise<MqttClient> {
  const c = connect(url, {
    protocolVersion: 5,
    clientId: `bench-${name}-${process.pid}`,
    reconnectPeriod: 0,
  });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', reject);
  });
  // Small packets at a fixed rate: without this, Nagle's algorithm holds some back and adds latency.
  (c.stream as Socket).setNoDelay(true);
  return c;
}

// ~200 bytes of JSON; seq and sentAt (performance.now() at publish) are read back by the subscriber. The
// temperature is never integral: the mapping engine reads an integral JSON number as an Int, and Int / Int
// truncates (packages/mapping/README.md), where the hand-written relay computes in floating point.
const PADDING = 'x'.repeat(38);
function payload(seq: number, sentAt: number): string {
  const device = seq % DEVICES;
  return `{"seq":${seq},"sentAt":${sentAt.toFixed(3)},"deviceId":"d-${device}","temperature":${15 + (seq % 20)}.${1 + (seq % 9)},"humidity":${30 + (seq % 30)}.${seq % 10},"ts":"2026-11-22T10:00:00.000Z","site":"plant-3","line":"line-${device % 4}","firmware":"4.2.1","pad":"${PADDING}"}`;
}

/** One phase's receiving side: which sequence numbers arrived, how often, when, and how late. */
class Tally {
  readonly seen: Uint8Array;
  readonly latencies: Float64Array | undefined;
  received = 0;
  unique = 0;
  duplicates = 0;
  wrong = 0;
  lastAt = 0;
  completeAt = 0;
  readonly base: number;
  readonly count: number;
  readonly prefix: string;
  readonly transformed: boolean;
  constructor(base: number, count: number, prefix: string, transformed: boolean, latency: boolean) {
    this.base = base;
    this.count = count;
    this.prefix = prefix;
    this.transformed = transformed;
    this.seen = new Uint8Array(count);
    this.latencies = latency ? new Float64Array(count).fill(NaN) : undefined;
  }
}

const SEQ = Buffer.from('"seq":');
const SENT_AT = Buffer.from('"sentAt":');

function readInteger(buffer: Buffer, start: number): number {
  let value = 0;
  for (let i = start; i < buffer.length; i++) {
    const digit = buffer[i]! - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return value;
}

function readNumber(buffer: Buffer, start: number): number {
  let end = start;
  while (end < buffer.length && buffer[end] !== 44 && buffer[end] !== 125) end++;
  return Number(buffer.toString('latin1', start, end));
}

let current: Tally | undefined;
let probeArrived = false;
let strays = 0;

function onMessage(topic: string, body: Buffer) {
  const now = performance.now();
  const at = body.indexOf(SEQ);
  const seq = at < 0 ? -1 : readInteger(body, at + SEQ.length);
  if (seq === PROBE_SEQ) {
    probeArrived = true;
    return;
  }
  const tally = current;
  const index = tally ? seq - tally.base : -1;
  if (!tally || at < 0 || index < 0 || index >= tally.count) {
    strays++;
    return;
  }
  tally.received++;
  tally.lastAt = now;
  if (tally.seen[index]! > 0) {
    tally.duplicates++;
    return;
  }
  tally.seen[index] = 1;
  if (++tally.unique === tally.count) tally.completeAt = now;
  if (tally.latencies) {
    const sent = body.indexOf(SENT_AT);
    tally.latencies[index] = now - readNumber(body, sent + SENT_AT.length);
  }
  // Check the relay's work on a sample: the topic, every input field unchanged, temperatureF and no more.
  if (index % 499 === 0 && !correct(topic, body, seq, tally)) {
    if (tally.wrong === 0) console.error(`unexpected output on ${topic}: ${body.toString()}`);
    tally.wrong++;
  }
}

function correct(topic: string, body: Buffer, seq: number, tally: Tally): boolean {
  const output = JSON.parse(body.toString()) as Record<string, unknown>;
  if (typeof output.sentAt !== 'number') return false;
  const input = JSON.parse(payload(seq, output.sentAt)) as Record<string, unknown>;
  const expected = tally.transformed
    ? { ...input, temperatureF: ((input.temperature as number) * 9) / 5 + 32 }
    : input;
  const keys = Object.keys(expected);
  return (
    topic === `${tally.prefix}/${seq % DEVICES}` &&
    Object.keys(output).length === keys.length &&
    keys.every((key) => {
      const [a, b] = [output[key], expected[key as keyof typeof expected]];
      return typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b;
    })
  );
}

/**
 * Publishes `count` messages from sequence number `base`, at most WINDOW of them unacknowledged; at `rate`
 * messages per second if given, else as fast as PUBACKs allow. Resolves when all are acknowledged.
 */
function publish(publisher: MqttClient, base: number, count: number, rate?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let acked = 0;
    let inflight = 0;
    let failed = false;
    const start = performance.now();
    const onAck = (error?: Error) => {
      if (error) {
        if (!failed) reject(error);
        failed = true;
        return;
      }
      inflight--;
      if (++acked === count) {
        clearInterval(timer);
        resolve(start);
      } else if (rate === undefined) pump(count);
    };
    const pump = (target: number) => {
      while (next < target && inflight < WINDOW) {
        const seq = base + next++;
        inflight++;
        publisher.publish(`in/${seq % DEVICES}`, payload(seq, performance.now()), { qos: 1 }, onAck);
      }
    };
    // Paced: every millisecond, catch up with the messages due by now.
    const timer =
      rate === undefined
        ? undefined
        : setInterval(
            () => pump(Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000))),
            1,
          );
    if (rate === undefined) pump(count);
  });
}

interface Phase {
  seconds: number;
  tally: Tally;
}

let nextSeq = 0;

async function phase(
  publisher: MqttClient,
  prefix: string,
  transformed: boolean,
  count: number,
  rate?: number,
): Promise<Phase> {
  const base = nextSeq;
  nextSeq += count;
  const tally = new Tally(base, count, prefix, transformed, rate !== undefined);
  current = tally;
  const start = await publish(publisher, base, count, rate);
  while (tally.unique < count && performance.now() - Math.max(tally.lastAt, start) < QUIET_MS)
    await sleep(20);
  // Duplicates trail the last new message: give them a moment.
  await sleep(100);
  current = undefined;
  const end = tally.unique === count ? tally.completeAt : tally.lastAt;
  return { seconds: (end - start) / 1000, tally };
}

interface Relay {
  pid: number;
  /** How the process ended, if it did. */
  exited: () => string | undefined;
  stop: () => Promise<void>;
}

interface Variant {
  label: string;
  prefix: string;
  start?: (url: string, publisher: MqttClient) => Promise<Relay | string>;
}

/** Resolves once the relay forwards a probe; a string when it exits or stays silent. */
async function awaitRelay(
  child: ChildProcess,
  publisher: MqttClient,
  what: string,
  output: string[],
): Promise<Relay | string> {
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timeout);
  };
  probeArrived = false;
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (!probeArrived) {
    if (child.exitCode !== null || child.signalCode !== null || performance.now() > deadline) {
      const exit =
        child.exitCode !== null ? `exited with code ${child.exitCode}` : 'forwarded nothing in 15 s';
      await stop();
      const tail = output.slice(-3).join(' | ');
      return `${what} ${exit}${tail ? `: ${tail}` : ''}`;
    }
    publisher.publish('in/0', payload(PROBE_SEQ, 0), { qos: 1 });
    await sleep(250);
  }
  const exited = () =>
    child.exitCode !== null
      ? `exited with code ${child.exitCode}`
      : child.signalCode !== null
        ? `was killed by ${child.signalCode}`
        : undefined;
  return { pid: child.pid!, exited, stop };
}

function spawnRelay(command: string[], what: string, publisher: MqttClient): Promise<Relay | string> {
  const child = start(process.execPath, command, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep reading its output (a full pipe would stall it); the last lines explain a failure.
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line.trim());
    if (output.length > 20) output.shift();
  };
  createInterface({ input: child.stdout! }).on('line', keep);
  createInterface({ input: child.stderr! }).on('line', keep);
  child.once('error', (error) => keep(error.message));
  return awaitRelay(child, publisher, what, output);
}

const variants: Variant[] = [
  { label: 'direct hop', prefix: 'in' },
  {
    label: 'hand-written relay',
    prefix: 'out',
    start: (url, publisher) => spawnRelay([relayScript, url], 'relay.ts', publisher),
  },
  {
    label: 'flowplane runtime',
    prefix: 'out',
    start: (url, publisher) =>
      spawnRelay(
        ['apps/cli/src/main.ts', 'runtime', 'run', '-f', dataflow, '--local-broker', url, '--port', '0'],
        '`flowplane runtime run`',
        publisher,
      ),
  },
];

interface Sample {
  rate: number;
  relayCpu: number;
  brokerCpu: number;
  p50: number;
  p99: number;
  lost: number;
  duplicates: number;
  wrong: number;
  peak: number;
  /** Share of the machine's CPU other processes used during the latency and saturation phases. */
  others: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** One relay, one round: its own broker, publisher, subscriber and relay process, so nothing carries over. */
async function measure(variant: Variant): Promise<Sample | string> {
  const broker = await startBroker();
  let relay: Relay | undefined;
  const publisher = await client(broker.url, 'publisher');
  const subscriber = await client(broker.url, 'subscriber');
  try {
    subscriber.on('message', onMessage);
    await subscriber.subscribeAsync(`${variant.prefix}/#`, { qos: 1 });
    if (variant.start) {
      const started = await variant.start(broker.url, publisher);
      if (typeof started === 'string') return started;
      relay = started;
    }
    const transformed = relay !== undefined;
    const warm = await phase(publisher, variant.prefix, transformed, WARMUP);
    const snapshot = () => ({
      relay: relay ? cpuMicros(relay.pid) : 0,
      broker: cpuMicros(broker.pid),
      bench: process.cpuUsage(),
      machine: machineMicros(),
    });
    const t0 = snapshot();
    const latency = await phase(publisher, variant.prefix, transformed, LATENCY_MESSAGES, RATE);
    const t1 = snapshot();
    const saturation = await phase(publisher, variant.prefix, transformed, messages);
    const t2 = snapshot();
    const relayCpu = relay ? t2.relay - t1.relay : NaN;
    const brokerCpu = t2.broker - t1.broker;
    // Whatever else ran on the machine over both phases (other processes disturb every number here).
    const bench = process.cpuUsage(t0.bench);
    const ours = bench.user + bench.system + t2.broker - t0.broker + t2.relay - t0.relay;
    const others = Math.max(
      0,
      (t2.machine.busy - t0.machine.busy - ours) / (t2.machine.total - t0.machine.total),
    );
    const peak = relay ? peakMegabytes(relay.pid) : NaN;
    const died = relay?.exited();
    if (died) return `${died} during the measurement`;
    const sorted = latency.tally.latencies!.filter((x) => !Number.isNaN(x)).sort();
    const phases = [warm, latency, saturation];
    const delivered = saturation.tally.unique;
    return {
      rate: delivered / saturation.seconds,
      relayCpu: relayCpu / delivered,
      brokerCpu: brokerCpu / delivered,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      lost: phases.reduce((n, p) => n + p.tally.count - p.tally.unique, 0),
      duplicates: phases.reduce((n, p) => n + p.tally.duplicates, 0),
      wrong: phases.reduce((n, p) => n + p.tally.wrong, 0),
      peak,
      others,
    };
  } finally {
    await relay?.stop();
    await Promise.all([publisher.endAsync(true), subscriber.endAsync(true)]);
    await broker.stop();
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const began = performance.now();
const samples = new Map<string, Sample[]>(variants.map((v) => [v.label, []]));
const skipped = new Map<string, string>();
for (let round = 0; round < rounds; round++) {
  // Rotate the order so no relay always runs first or last.
  const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
  for (const variant of order) {
    if (skipped.has(variant.label)) continue;
    const result = await measure(variant);
    if (typeof result === 'string') {
      skipped.set(variant.label, result);
      process.stderr.write(`round ${round + 1}/${rounds}: ${variant.label} skipped: ${result}\n`);
      continue;
    }
    samples.get(variant.label)!.push(result);
    process.stderr.write(
      `round ${round + 1}/${rounds}: ${variant.label.padEnd(18)} ${result.rate.toFixed(0).padStart(7)} msg/s  ` +
        `p99 ${result.p99.toFixed(2)} ms  lost ${result.lost}  dup ${result.duplicates}  ` +
        `others ${(result.others * 100).toFixed(0)}% CPU\n`,
    );
  }
}

const summary = new Map(
  [...samples]
    .filter(([, runs]) => runs.length > 0)
    .map(([label, runs]) => {
      const m = (f: (s: Sample) => number) => median(runs.map(f));
      const sum = (f: (s: Sample) => number) => runs.reduce((n, s) => n + f(s), 0);
      return [
        label,
        {
          rate: m((s) => s.rate),
          relayCpu: m((s) => s.relayCpu),
          brokerCpu: m((s) => s.brokerCpu),
          p50: m((s) => s.p50),
          p99: m((s) => s.p99),
          lost: sum((s) => s.lost),
          duplicates: sum((s) => s.duplicates),
          wrong: sum((s) => s.wrong),
          peak: Math.max(...runs.map((s) => s.peak)),
        },
      ] as const;
    }),
);

const direct = summary.get('direct hop');
const hand = summary.get('hand-written relay');
const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const columns: [string, number][] = [
  ['', 20],
  ['msg/s', 9],
  ['vs direct', 11],
  ['relay µs/msg', 14],
  ['vs hand', 9],
  ['broker µs/msg', 15],
  ['p50 ms', 8],
  ['p99 ms', 8],
  ['lost', 7],
  ['dup', 7],
  ['peak MB', 9],
];
const row = (cells: string[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(columns[i]![1]) : cell.padStart(columns[i]![1]))).join('') +
  '\n';

process.stdout.write(
  `Runtime benchmark: ${messages} QoS 1 messages of ~${payload(messages, 12345.678).length} bytes at saturation ` +
    `(window ${WINDOW}), ${LATENCY_MESSAGES} at ${RATE} msg/s for latency; ${rounds} rounds, medians ` +
    `(Node ${process.version}, Mosquitto, ${((performance.now() - began) / 1000).toFixed(0)} s)\n\n`,
);
process.stdout.write(row(columns.map(([title]) => title)));
for (const [label, r] of summary) {
  process.stdout.write(
    row([
      label,
      r.rate.toFixed(0),
      direct ? `${(r.rate / direct.rate).toFixed(2)}×` : 'n/a',
      fixed(r.relayCpu, 1),
      hand && Number.isFinite(r.relayCpu) ? `${(r.relayCpu / hand.relayCpu).toFixed(2)}×` : 'n/a',
      fixed(r.brokerCpu, 1),
      fixed(r.p50, 2),
      fixed(r.p99, 2),
      String(r.lost),
      String(r.duplicates),
      fixed(r.peak, 0),
    ]),
  );
}
for (const [label, reason] of skipped) process.stdout.write(`${label.padEnd(20)}skipped: ${reason}\n`);
const wrong = [...summary].filter(([, r]) => r.wrong > 0);
for (const [label, r] of wrong)
  process.stdout.write(`${label}: ${r.wrong} sampled messages had the wrong output\n`);
const others = Math.max(...[...samples.values()].flat().map((s) => s.others));
if (others > 0.05)
  process.stdout.write(
    `Other processes (or the hypervisor, as steal time) took up to ${(others * 100).toFixed(0)}% of the ` +
      "machine's CPU during a measurement: these numbers are disturbed, run again on a quiet machine.\n",
  );
if (strays > 0)
  process.stdout.write(`(${strays} messages from earlier phases arrived late and were ignored)\n`);

const runtime = summary.get('flowplane runtime');
if (runtime && direct && hand) {
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
  process.stdout.write(
    `\nAims for the runtime: throughput ≥ 0.7× direct hop (${(runtime.rate / direct.rate).toFixed(2)}×, ` +
      `${yes(runtime.rate >= 0.7 * direct.rate)}); CPU per message below the hand-written relay's ` +
      `(${(runtime.relayCpu / hand.relayCpu).toFixed(2)}×, ${yes(runtime.relayCpu < hand.relayCpu)}); ` +
      `p99 at ${RATE} msg/s < 3 ms (${runtime.p99.toFixed(2)} ms, ${yes(runtime.p99 < 3)}); ` +
      `peak memory < 150 MB (${runtime.peak.toFixed(0)} MB, ${yes(runtime.peak < 150)}); ` +
      `zero loss (${runtime.lost} lost, ${runtime.duplicates} duplicated, ${yes(runtime.lost === 0)}).\n`,
  );
} else {
  process.stdout.write('\nThe runtime was not measured: no comparison against the aims.\n');
}

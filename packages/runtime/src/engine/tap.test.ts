import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../connectors/types.ts';
import { Tap, type TapEvent } from './tap.ts';

const inbound: InboundMessage = { payload: new Uint8Array(), topic: 'in/1', receivedAt: 0 };

describe('Tap', () => {
  it('sends at most the configured number of samples per second to every listener', () => {
    const tap = new Tap(3);
    const a: TapEvent[] = [];
    const b: TapEvent[] = [];
    tap.listen((e) => a.push(e));
    const stop = tap.listen((e) => b.push(e));
    for (let i = 0; i < 10; i++)
      tap.publish(inbound, { payload: { i } }, { output: { payload: { i, x: 1 } } });
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(3);
    expect(a[0]).toMatchObject({
      topic: 'in/1',
      before: { payload: { i: 0 } },
      after: { payload: { i: 0, x: 1 } },
    });
    stop();
    tap.publish(inbound, { payload: {} }, { dropped: 'filter rule 1' });
    expect(b).toHaveLength(3);
  });

  it('reports filtered and failed messages with the reason', () => {
    const tap = new Tap();
    const events: TapEvent[] = [];
    tap.listen((e) => events.push(e));
    tap.publish(inbound, { payload: 1 }, { dropped: 'filter rule 2' });
    tap.publish(inbound, { payload: 2 }, { error: 'not a number' });
    expect(events.map((e) => e.dropped ?? e.error)).toEqual(['filter rule 2', 'not a number']);
    expect(events.every((e) => e.after === undefined)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { OrderedAcks } from './ordered-acks.ts';

describe('OrderedAcks', () => {
  it('releases acknowledgements in arrival order however the messages finish', () => {
    const sent: number[] = [];
    const acks = new OrderedAcks();
    const done = [1, 2, 3, 4].map((n) => acks.add(() => sent.push(n)));
    done[2]!();
    done[1]!();
    expect(sent).toEqual([]);
    done[0]!();
    expect(sent).toEqual([1, 2, 3]);
    done[3]!();
    expect(sent).toEqual([1, 2, 3, 4]);
    expect(acks.pending).toBe(0);
  });

  it('sends each acknowledgement once even when done is called twice', () => {
    const sent: number[] = [];
    const acks = new OrderedAcks();
    const done = acks.add(() => sent.push(1));
    done();
    done();
    expect(sent).toEqual([1]);
  });

  it('drops acknowledgements of messages from before a reset (a lost connection)', () => {
    const sent: string[] = [];
    const acks = new OrderedAcks();
    const old = acks.add(() => sent.push('old'));
    acks.reset();
    const fresh = acks.add(() => sent.push('new'));
    old();
    fresh();
    expect(sent).toEqual(['new']);
  });

  it('keeps order across its internal compaction', () => {
    const sent: number[] = [];
    const acks = new OrderedAcks();
    const done = Array.from({ length: 5000 }, (_, n) => acks.add(() => sent.push(n)));
    for (let n = 0; n < 3000; n++) done[n]!();
    const late = acks.add(() => sent.push(5000));
    for (let n = 4999; n >= 3000; n--) done[n]!();
    late();
    expect(sent).toEqual(Array.from({ length: 5001 }, (_, n) => n));
  });
});

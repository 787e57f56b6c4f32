import { describe, expect, it } from 'vitest';
import { newDataflow, withEndpoint, withTransformation } from './operations.ts';
import { expectationOf, runPreview, samplesOf, withSamples } from './preview.ts';

function flow() {
  const doc = withTransformation(withEndpoint(newDataflow(), 'Destination', 'default'));
  doc.spec.operations[1]!.builtInTransformationSettings = {
    filter: [{ inputs: ['temperature'], expression: '$1 < 0' }],
    map: [
      { inputs: ['*'], output: '*' },
      { inputs: ['temperature'], expression: '$1 * 9 / 5 + 32', output: 'temperatureF' },
    ],
  };
  doc.spec.operations[2]!.destinationSettings!.dataDestination = 'out/${inputTopic.2}';
  return doc;
}

describe('runPreview', () => {
  it('shows the output of a message that passes and the rule that dropped one that does not', () => {
    const doc = withSamples(flow(), [
      { name: 'warm', metadata: { topic: 't/1' }, input: { temperature: 20 } },
      { name: 'cold', metadata: { topic: 't/2' }, input: { temperature: -5 } },
    ]);
    const preview = runPreview(doc, samplesOf(doc));
    expect(preview.kind).toBe('ready');
    if (preview.kind !== 'ready') return;
    const [sent, dropped] = preview.outcomes;
    // A field a specific rule reads is left out of the wildcard copy (the platform's mapping semantics).
    expect(sent?.described.emit).toMatchObject({ payload: { temperatureF: 68 }, topic: 'out/1' });
    expect(dropped?.result).toMatchObject({ kind: 'drop', rule: 0 });
    expect(sent?.check).toBeUndefined();
  });

  it('checks samples that carry an expectation, as flowplane test does', () => {
    const base = flow();
    const preview = runPreview(base, [
      { name: 'warm', metadata: { topic: 't/1' }, input: { temperature: 20 } },
    ]);
    if (preview.kind !== 'ready') throw new Error('no preview');
    const expected = expectationOf(preview.outcomes[0]!);
    expect(expected).toEqual({ emit: { temperatureF: 68 }, topic: 'out/1' });
    const checked = runPreview(base, [
      { name: 'warm', metadata: { topic: 't/1' }, input: { temperature: 20 }, expect: expected },
    ]);
    expect(checked.kind === 'ready' && checked.outcomes[0]?.check).toEqual({ pass: true });
    const failing = runPreview(base, [
      { name: 'warm', metadata: { topic: 't/1' }, input: { temperature: 25 }, expect: expected },
    ]);
    expect(failing.kind === 'ready' && failing.outcomes[0]?.check?.pass).toBe(false);
  });

  it('says the transformation must be fixed when it does not compile', () => {
    const doc = flow();
    doc.spec.operations[1]!.builtInTransformationSettings!.map = [
      { inputs: ['a'], expression: '$1 +', output: 'b' },
    ];
    expect(runPreview(doc, [{ name: 'x', input: {} }]).kind).toBe('invalid');
  });

  it('keeps samples in an annotation, and drops it when none is left', () => {
    const doc = withSamples(flow(), [{ name: 'a', input: {} }]);
    expect(samplesOf(doc)).toEqual([{ name: 'a', input: {} }]);
    expect(withSamples(doc, []).metadata.annotations).toBeUndefined();
  });
});

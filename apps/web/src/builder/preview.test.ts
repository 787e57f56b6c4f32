import { describe, expect, it } from 'vitest';
import { newDataflow, withEndpoint, withTransformation } from './operations.ts';
import { runPreview, samplesOf, withSamples } from './preview.ts';

function flow() {
  const doc = withTransformation(withEndpoint(newDataflow(), 'Destination', 'default'));
  doc.spec.operations[1]!.builtInTransformationSettings = {
    filter: [{ inputs: ['temperature'], expression: '$1 < 0' }],
    map: [
      { inputs: ['*'], output: '*' },
      { inputs: ['temperature'], expression: '$1 * 9 / 5 + 32', output: 'temperatureF' },
    ],
  };
  return doc;
}

describe('runPreview', () => {
  it('shows the output of a message that passes and the rule that dropped one that does not', () => {
    const doc = withSamples(flow(), [
      { topic: 't/1', payload: '{"temperature": 20}' },
      { topic: 't/2', payload: '{"temperature": -5}' },
      { topic: 't/3', payload: '{oops' },
    ]);
    const preview = runPreview(doc, samplesOf(doc));
    expect(preview.kind).toBe('ready');
    if (preview.kind !== 'ready') return;
    const [sent, dropped, unreadable] = preview.outcomes;
    // A field a specific rule reads is left out of the wildcard copy (the platform's mapping semantics).
    expect(sent?.kind === 'result' && sent.result.kind === 'emit' && sent.result.message.payload).toEqual({
      temperatureF: 68,
    });
    expect(dropped).toMatchObject({ kind: 'result', result: { kind: 'drop', rule: 0 } });
    expect(unreadable?.kind).toBe('unreadable');
  });

  it('says the transformation must be fixed when it does not compile', () => {
    const doc = flow();
    doc.spec.operations[1]!.builtInTransformationSettings!.map = [
      { inputs: ['a'], expression: '$1 +', output: 'b' },
    ];
    expect(runPreview(doc, [{ topic: '', payload: '{}' }]).kind).toBe('invalid');
  });

  it('keeps samples in an annotation, and drops it when none is left', () => {
    const doc = withSamples(flow(), [{ topic: 'a', payload: '{}' }]);
    expect(samplesOf(doc)).toEqual([{ topic: 'a', payload: '{}' }]);
    expect(withSamples(doc, []).metadata.annotations).toBeUndefined();
  });
});

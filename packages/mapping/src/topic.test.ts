import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDestinationTopic, resolveDestinationTopic, stripSharedSubscription } from './topic.ts';

describe('resolveDestinationTopic (spec §5.4)', () => {
  it.each([
    ['factory', 'a/b', 'factory'],
    ['processed/${inputTopic}', 'factory/1/data', 'processed/factory/1/data'],
    ['processed/factory/${inputTopic.2}', 'factory/1/data', 'processed/factory/1'],
    [
      'processed/device/${inputTopic.2}/temperature',
      'thermostats/device1/sensor/temperature',
      'processed/device/device1/temperature',
    ],
    ['${inputTopic.1}-${inputTopic.3}', '/a/b/c/', 'a-c'],
    ['x/${inputTopic.2}', 'a//c', 'x/'],
    ['${inputTopic.2}', '$shared/group1/factory/line1', 'line1'],
    ['${inputTopic}', '$share/g/factory/line1', 'factory/line1'],
    // `$`, `{` and `}` are legal topic characters: anything else is literal.
    ['factory/$inputTopic.2', 'a/b', 'factory/$inputTopic.2'],
    ['factory/${outputTopic}/{x}', 'a/b', 'factory/${outputTopic}/{x}'],
  ])('%s on %s → %s', (template, topic, expected) => {
    expect(resolveDestinationTopic(template, topic)).toEqual({ ok: true, topic: expected });
  });

  it.each([
    ['${inputTopic.4}', 'a/b/c', "${inputTopic.4}: topic 'a/b/c' has only 3 levels"],
    ['${inputTopic.0}', 'a/b', '${inputTopic.0}: the level must be a positive integer'],
    ['${inputTopic.x}', 'a/b', '${inputTopic.x}: the level must be a positive integer'],
    ['${inputTopic}', undefined, 'the message has no input topic to resolve ${inputTopic}'],
  ])('%s on %s fails', (template, topic, reason) => {
    expect(resolveDestinationTopic(template, topic)).toEqual({ ok: false, reason });
  });

  it('strips shared-subscription prefixes only at the start', () => {
    expect(stripSharedSubscription('$shared/g/a/b')).toBe('a/b');
    expect(stripSharedSubscription('$share/g/a')).toBe('a');
    expect(stripSharedSubscription('a/$share/g/b')).toBe('a/$share/g/b');
  });
});

describe('compileDestinationTopic', () => {
  const level = fc.constantFrom('a', 'plant', 'x-1', '', '$share', 'grp', '+');
  const topic = fc.array(level, { minLength: 0, maxLength: 5 }).map((levels) => levels.join('/'));
  const piece = fc.constantFrom(
    'out/',
    '/',
    '${inputTopic}',
    '${inputTopic.1}',
    '${inputTopic.2}',
    '${inputTopic.4}',
    '${inputTopic.0}',
    '${inputTopic.x}',
    '${other}',
    '$',
    '{',
    'done',
  );
  const template = fc.array(piece, { minLength: 1, maxLength: 5 }).map((pieces) => pieces.join(''));

  it('resolves exactly as resolveDestinationTopic does', () => {
    fc.assert(
      fc.property(template, fc.option(topic, { nil: undefined }), (t, input) => {
        expect(compileDestinationTopic(t)(input)).toEqual(resolveDestinationTopic(t, input));
      }),
      { numRuns: 2000 },
    );
  });

  it('strips a shared-subscription prefix from the input topic', () => {
    expect(compileDestinationTopic('out/${inputTopic.2}')('$share/g/plant/7/data')).toEqual({
      ok: true,
      topic: 'out/7',
    });
  });
});

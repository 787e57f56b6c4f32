import { describe, expect, it } from 'vitest';
import { expressionCompleter, fieldCompleter, topicCompleter } from './completion.ts';

const complete = expressionCompleter(
  ['temperature', '$metadata.topic'],
  ['cToF', 'concat', 'min', 'max', 'str::trim', 'str::to_lowercase'],
);
const labels = (text: string, cursor = text.length, explicit = false) =>
  complete(text, cursor, explicit)?.items.map((i) => i.label);

describe('formula completions', () => {
  it('offers $1…$n with the inputs they stand for after $', () => {
    expect(complete('$', 1, false)).toEqual({
      from: 0,
      to: 1,
      items: [
        { label: '$1', insert: '$1', detail: 'temperature' },
        { label: '$2', insert: '$2', detail: '$metadata.topic' },
      ],
    });
    expect(labels('cToF($')).toEqual(['$1', '$2']);
    expect(labels('$1 + $2')).toBeUndefined();
  });

  it('offers functions by prefix, case-insensitively, inserting the opening parenthesis', () => {
    expect(labels('c')).toEqual(['cToF()', 'concat()']);
    expect(complete('$1 * MI', 7, false)).toEqual({
      from: 5,
      to: 7,
      items: [{ label: 'min()', insert: 'min(', detail: 'function' }],
    });
    expect(labels('zzz')).toBeUndefined();
    expect(labels('str::t')).toEqual(['str::trim()', 'str::to_lowercase()']);
  });

  it('completes the word before the cursor, not the end of the text', () => {
    expect(complete('co + $1', 2, false)?.from).toBe(0);
    expect(labels('co + $1', 2)).toEqual(['concat()']);
  });

  it('stays quiet between words unless asked, then lists everything', () => {
    expect(labels('$1 + ')).toBeUndefined();
    expect(labels('$1 + ', 5, true)).toEqual([
      '$1',
      '$2',
      'cToF()',
      'concat()',
      'min()',
      'max()',
      'str::trim()',
      'str::to_lowercase()',
    ]);
    // Inside a number or a path, even when asked.
    expect(labels('3.', 2, true)).toBeUndefined();
  });
});

describe('input completions', () => {
  const fields = fieldCompleter(['*', 'temperature', 'machine.temperature', '$metadata.topic']);
  it('lists the known fields that start with the text, then those that contain it', () => {
    expect(fields('temp', 4, false)?.items.map((i) => i.label)).toEqual([
      'temperature',
      'machine.temperature',
    ]);
    expect(fields('temp', 4, false)).toMatchObject({ from: 0, to: 4 });
    expect(fields('$m', 2, false)?.items.map((i) => i.label)).toEqual(['$metadata.topic']);
  });
  it('says nothing for an empty item unless asked, nor for an exact match alone', () => {
    expect(fields('', 0, false)).toBeUndefined();
    expect(fields('', 0, true)?.items).toHaveLength(4);
    expect(fields('$metadata.topic', 15, false)).toBeUndefined();
  });
});

describe('destination topic completions', () => {
  const topic = topicCompleter('$shared/group/factory/+/telemetry');
  it('offers ${inputTopic} and each level of the source filter after $, with the level it takes', () => {
    expect(topic('out/$', 5, false)).toEqual({
      from: 4,
      to: 5,
      items: [
        { label: '${inputTopic}', insert: '${inputTopic}', detail: '$shared/group/factory/+/telemetry' },
        { label: '${inputTopic.1}', insert: '${inputTopic.1}', detail: 'factory' },
        { label: '${inputTopic.2}', insert: '${inputTopic.2}', detail: '+' },
        { label: '${inputTopic.3}', insert: '${inputTopic.3}', detail: 'telemetry' },
      ],
    });
  });
  it('narrows as the variable is typed and says nothing elsewhere', () => {
    expect(topic('a/${inputTopic.', 15, false)?.items.map((i) => i.label)).toEqual([
      '${inputTopic.1}',
      '${inputTopic.2}',
      '${inputTopic.3}',
    ]);
    expect(topic('a/b', 3, false)).toBeUndefined();
    expect(topicCompleter(undefined)('$', 1, false)?.items.map((i) => i.label)).toEqual(['${inputTopic}']);
  });
});

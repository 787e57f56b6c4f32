import { describe, expect, it } from 'vitest';
import { MappingSyntaxError } from './errors.ts';
import { formatPath, parseFieldRef, parsePath } from './path.ts';

describe('parsePath (spec §6.2)', () => {
  it.each([
    ['a', ['a'], -1],
    ['Person.Address.Street.Number', ['Person', 'Address', 'Street', 'Number'], -1],
    ['Person.Date of Birth', ['Person', 'Date of Birth'], -1],
    ['Payload."Tag.10".Value', ['Payload', 'Tag.10', 'Value'], -1],
    [
      'Payload."Tag.10".Measurements."Vibration.$12".Value',
      ['Payload', 'Tag.10', 'Measurements', 'Vibration.$12', 'Value'],
      -1,
    ],
    ['"Tag 10".Value', ['Tag 10', 'Value'], -1],
    // Single quotes are accepted on import ([Flowplane choice]).
    ["Payload.'Tag.10'.Value", ['Payload', 'Tag.10', 'Value'], -1],
    // A quote inside a segment is an ordinary character; a dot outside a proper quote still splits.
    ['Payload.He said: "Hello", and waved', ['Payload', 'He said: "Hello", and waved'], -1],
    ['Payload.He said: "No. It is done"', ['Payload', 'He said: "No', ' It is done"'], -1],
    [
      '"nsu=http://opcfoundation.org/UA/Plc/Applications;s=RandomSignedInt32"',
      ['nsu=http://opcfoundation.org/UA/Plc/Applications;s=RandomSignedInt32'],
      -1,
    ],
    ['""', [''], -1],
    ['"*"', ['*'], -1],
    ['*', ['*'], 0],
    ['*.Max', ['*', 'Max'], 0],
    ['a.*.c', ['a', '*', 'c'], 1],
    ['a.b.*', ['a', 'b', '*'], 2],
    [':Person:.:name:', [':Person:', ':name:'], -1],
  ])('%s', (text, segments, wildcard) => {
    expect(parsePath(text)).toEqual({ segments, wildcard });
  });

  it.each([
    ['', 1, 'empty field path'],
    ['a..b', 3, 'empty segment'],
    ['.a', 1, 'empty segment'],
    ['a.', 2, 'trailing dot'],
    ['"a.b', 1, 'unterminated'],
    ['"a"b.c', 4, "expected '.'"],
    ['a.part*.c', 7, 'whole segments'],
    ['*.a.*', 5, 'only one *'],
  ])('rejects %j at column %i', (text, column, message) => {
    try {
      parsePath(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MappingSyntaxError);
      expect((e as MappingSyntaxError).column).toBe(column);
      expect((e as MappingSyntaxError).message).toContain(message);
    }
  });
});

describe('parseFieldRef', () => {
  it.each([
    ['temperature', { kind: 'source' }, ['temperature']],
    ['$source.a.b', { kind: 'source' }, ['a', 'b']],
    ['$sourceX.y', { kind: 'source' }, ['$sourceX', 'y']],
    ['$context(position).BaseSalary', { kind: 'context', alias: 'position' }, ['BaseSalary']],
    ['$context(datasets.parag10.rule42).x', { kind: 'context', alias: 'datasets.parag10.rule42' }, ['x']],
    ['$context(position)', { kind: 'context', alias: 'position' }, []],
    ['$context.asset', { kind: 'candidate' }, ['asset']],
    ['$metadata.topic', { kind: 'metadata', field: 'topic', key: '' }, []],
    ['$metadata.user_property.priority', { kind: 'metadata', field: 'user_property', key: 'priority' }, []],
    ['$metadata.user_properties.priority', { kind: 'metadata', field: 'user_property', key: 'priority' }, []],
    [
      '$metadata.user_property."weird key"',
      { kind: 'metadata', field: 'user_property', key: 'weird key' },
      [],
    ],
    ['$metadata.user_property.a.b', { kind: 'metadata', field: 'user_property', key: 'a.b' }, []],
    [
      '$metadata.system_property.content_type',
      { kind: 'metadata', field: 'system_property', key: 'content_type' },
      [],
    ],
    ['$metadata.header.trace-id', { kind: 'metadata', field: 'header', key: 'trace-id' }, []],
    ['"$metadata".topic', { kind: 'source' }, ['$metadata', 'topic']],
  ])('%s', (text, root, segments) => {
    const ref = parseFieldRef(text, 'input');
    expect(ref.root).toEqual(root);
    expect(ref.segments).toEqual(segments);
    expect(ref.last).toBe(false);
  });

  it.each(['temperature ? $last', 'temperature?$last', 'temperature   ?   $LAST', 'temperature ? $Last  '])(
    'recognizes %j',
    (text) => {
      const ref = parseFieldRef(text, 'input');
      expect(ref).toMatchObject({ text: 'temperature', segments: ['temperature'], last: true });
    },
  );

  it('keeps question marks that are part of a field name', () => {
    expect(parseFieldRef('ready?', 'input').segments).toEqual(['ready?']);
    expect(parseFieldRef('temperature ? $lastx', 'input')).toMatchObject({
      segments: ['temperature ? $lastx'],
      last: false,
    });
    expect(parseFieldRef('"a ? $last"', 'input')).toMatchObject({ segments: ['a ? $last'], last: false });
  });

  it.each([
    ['temperature ?? 0', 13, 'only available in data flow graphs'],
    ['temperature ? $last ?? 0', 21, 'only available in data flow graphs'],
    ['temperature ? $last x', 13, 'unexpected text'],
    ['*.a ? $last', 1, 'wildcard'],
    ['$metadata.nope', 11, "unknown metadata field 'nope'"],
    ['$metadata.user_property', 23, 'needs a key'],
    ['$metadata.topic.x', 16, 'no sub-fields'],
    ['$metadata.*', 11, 'wildcards are not allowed'],
    ['$context', 9, 'expected `$context(<alias>)'],
    ['$context()', 10, 'empty dataset alias'],
    ['$context(a', 10, 'missing `)`'],
    ['$context(a)b', 12, 'expected `.`'],
    ['$source', 8, 'expected `.`'],
  ])('rejects %j', (text, column, message) => {
    try {
      parseFieldRef(text, 'input');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MappingSyntaxError);
      expect((e as MappingSyntaxError).message).toContain(message);
      expect((e as MappingSyntaxError).column).toBe(column);
    }
  });

  it('does not allow `? $last` in outputs', () => {
    expect(() => parseFieldRef('x ? $last', 'output')).toThrow(/only allowed in inputs/);
  });
});

describe('formatPath', () => {
  it.each([
    [['a', 'b'], 'a.b'],
    [['Tag 10', 'Value'], 'Tag 10.Value'],
    [['Tag.10', 'Value'], '"Tag.10".Value'],
    [['*'], '"*"'],
    [['$metadata'], '"$metadata"'],
    [[''], '""'],
  ])('%j → %s', (segments, text) => {
    expect(formatPath(segments)).toBe(text);
    expect(parsePath(text).segments).toEqual(segments);
  });
});

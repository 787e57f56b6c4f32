import { describe, expect, it } from 'vitest';
import {
  checkExpectation,
  jsonEqual,
  parseTestCases,
  testCasesOf,
  TEST_CASES_ANNOTATION,
} from './test-cases.ts';

describe('checkExpectation', () => {
  it('passes an equal payload and explains a different one with a diff', () => {
    const actual = { emit: { payload: { a: 1, b: [1, 2] }, topic: 'out/1' } };
    expect(checkExpectation({ emit: { b: [1, 2], a: 1 } }, actual)).toBeUndefined();
    expect(checkExpectation({ emit: { a: 2, b: [1, 2] }, topic: 'out/1' }, actual)).toMatch(/- +"a": 2/);
    expect(checkExpectation({ emit: { a: 1, b: [1, 2] }, topic: 'out/2' }, actual)).toMatch(/topic/);
  });

  it('checks drops by rule and the kind of outcome', () => {
    expect(checkExpectation('drop', { drop: { rule: 1 } })).toBeUndefined();
    expect(checkExpectation({ drop: 0 }, { drop: { rule: 1 } })).toMatch(/expected rule 0/);
    expect(checkExpectation('drop', { emit: { payload: {} } })).toMatch(/expected drop, got emit/);
  });
});

describe('cases', () => {
  it('reads cases from a list, with or without expectations', () => {
    expect(parseTestCases([{ input: 1 }])).toBe('case 1 needs input and expect');
    expect(parseTestCases([{ input: 1 }], false)).toEqual([{ name: 'case 1', input: 1 }]);
  });

  it('reads the cases a dataflow keeps in its annotation', () => {
    const flow = {
      metadata: { annotations: { [TEST_CASES_ANNOTATION]: '[{"name":"x","input":{},"expect":"drop"}]' } },
    };
    expect(testCasesOf(flow)).toEqual([{ name: 'x', input: {}, expect: 'drop' }]);
    expect(testCasesOf({ metadata: {} })).toBeUndefined();
    expect(testCasesOf({ metadata: { annotations: { [TEST_CASES_ANNOTATION]: '[' } } })).toMatch(/not JSON/);
  });

  it('compares JSON structurally', () => {
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { getAt, pointerOf, setAt } from './pointer.ts';

describe('setAt', () => {
  it('sets a value deep inside without touching the original', () => {
    const doc = { spec: { mqttSettings: { host: 'a:1' } } };
    const next = setAt(doc, ['spec', 'mqttSettings', 'qos'], 1);
    expect(next).toEqual({ spec: { mqttSettings: { host: 'a:1', qos: 1 } } });
    expect(doc).toEqual({ spec: { mqttSettings: { host: 'a:1' } } });
  });

  it('creates missing objects on the way', () => {
    expect(setAt({}, ['spec', 'tls', 'mode'], 'Enabled')).toEqual({ spec: { tls: { mode: 'Enabled' } } });
  });

  it('drops an optional block when its last field is cleared', () => {
    const doc = { spec: { host: 'h', tls: { mode: 'Enabled' } } };
    expect(setAt(doc, ['spec', 'tls', 'mode'], undefined)).toEqual({ spec: { host: 'h' } });
  });

  it('keeps the first objects of the path when asked', () => {
    const doc = { auth: { method: 'SystemAssignedManagedIdentity', settings: { audience: 'x' } } };
    expect(setAt(doc, ['auth', 'settings', 'audience'], undefined, 2)).toEqual({
      auth: { method: 'SystemAssignedManagedIdentity', settings: {} },
    });
  });

  it('keeps empty objects that are part of the value written', () => {
    const auth = { method: 'Anonymous', anonymousSettings: {} };
    expect(setAt({ spec: {} }, ['spec', 'authentication'], auth)).toEqual({ spec: { authentication: auth } });
  });
});

describe('arrays', () => {
  it('sets an item by index and keeps the array an array', () => {
    const doc = { spec: { operations: [{ a: 1 }, { b: 2 }] } };
    expect(setAt(doc, ['spec', 'operations', '1', 'b'], 3)).toEqual({
      spec: { operations: [{ a: 1 }, { b: 3 }] },
    });
    expect(getAt(doc, ['spec', 'operations', '0', 'a'])).toBe(1);
  });

  it('removes an item when its value is undefined', () => {
    expect(setAt({ topics: ['a', 'b', 'c'] }, ['topics', '1'], undefined)).toEqual({ topics: ['a', 'c'] });
  });

  it('starts a missing list when the path goes through an index', () => {
    expect(setAt({}, ['topics', '0'], 'a/#')).toEqual({ topics: ['a/#'] });
  });
});

describe('pointers', () => {
  it('escapes / and ~ as RFC 6901 says', () => {
    expect(pointerOf(['metadata', 'labels', 'a/b~c'])).toBe('/metadata/labels/a~1b~0c');
  });

  it('reads nested values and undefined for missing ones', () => {
    expect(getAt({ a: { b: 2 } }, ['a', 'b'])).toBe(2);
    expect(getAt({ a: 1 }, ['a', 'b'])).toBeUndefined();
  });
});

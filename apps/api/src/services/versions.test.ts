import { ConflictError, PreconditionFailedError } from '@flowplane/model';
import { describe, expect, test } from 'vitest';
import { WriteRaceError, checkPrecondition, etagOf, retryRaces } from './versions.ts';

describe('checkPrecondition', () => {
  test.each([
    [undefined, 'no precondition'],
    ['"7"', 'the ETag'],
    ['7', 'a bare resourceVersion'],
    ['W/"7"', 'a weak ETag'],
    ['"3", "7"', 'a list holding it'],
    ['*', 'any version'],
  ])('%s passes (%s)', (expected, _why) => {
    expect(() => checkPrecondition(expected, 7n, 'X')).not.toThrow();
  });

  test('a stale version fails with the current one', () => {
    expect(() => checkPrecondition('"6"', 7n, 'Endpoint "a"')).toThrow(PreconditionFailedError);
    try {
      checkPrecondition('"6"', 7n, 'Endpoint "a"');
    } catch (error) {
      expect((error as PreconditionFailedError).currentVersion).toBe('7');
    }
  });

  test('etagOf quotes', () => {
    expect(etagOf(12n)).toBe('"12"');
  });
});

describe('retryRaces', () => {
  test('retries lost races, then gives up with a conflict', async () => {
    let calls = 0;
    await expect(
      retryRaces(async () => {
        calls++;
        if (calls < 3) throw new WriteRaceError();
        return 'done';
      }),
    ).resolves.toBe('done');
    await expect(
      retryRaces(async () => {
        throw new WriteRaceError();
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

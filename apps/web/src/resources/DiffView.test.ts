import { describe, expect, it } from 'vitest';
import { diffRows } from './DiffView.tsx';

describe('diffRows', () => {
  it('pairs a replaced line with its replacement and keeps equal lines on both sides', () => {
    const rows = diffRows('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 20\nc: 3\nd: 4\n');
    expect(rows).toEqual([
      { left: 'a: 1', right: 'a: 1', change: 'same' },
      { left: 'b: 2', right: 'b: 20', change: 'changed' },
      { left: 'c: 3', right: 'c: 3', change: 'same' },
      { left: undefined, right: 'd: 4', change: 'added' },
    ]);
  });

  it('shows a removed line on the left only', () => {
    expect(diffRows('a\nb\n', 'a\n')).toEqual([
      { left: 'a', right: 'a', change: 'same' },
      { left: 'b', right: undefined, change: 'removed' },
    ]);
  });
});

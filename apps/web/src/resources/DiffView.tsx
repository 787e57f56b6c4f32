import { makeStyles, tokens } from '@fluentui/react-components';
import { diffLines } from 'diff';
import { useMemo } from 'react';

interface Row {
  left: string | undefined;
  right: string | undefined;
  change: 'same' | 'changed' | 'removed' | 'added';
}

function lines(text: string): string[] {
  const all = text.split('\n');
  return all.at(-1) === '' ? all.slice(0, -1) : all;
}

/** Side-by-side rows: a removed block sits beside the added block that replaced it. */
export function diffRows(before: string, after: string): Row[] {
  const rows: Row[] = [];
  let removed: string[] = [];
  const flush = (added: string[]) => {
    const count = Math.max(removed.length, added.length);
    for (let i = 0; i < count; i += 1) {
      const left = removed[i];
      const right = added[i];
      const change =
        left !== undefined && right !== undefined ? 'changed' : left !== undefined ? 'removed' : 'added';
      rows.push({ left, right, change });
    }
    removed = [];
  };
  for (const part of diffLines(before, after)) {
    if (part.removed) {
      removed.push(...lines(part.value));
    } else if (part.added) {
      flush(lines(part.value));
    } else {
      flush([]);
      for (const line of lines(part.value)) rows.push({ left: line, right: line, change: 'same' });
    }
  }
  flush([]);
  return rows;
}

const useStyles = makeStyles({
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    tableLayout: 'fixed',
  },
  head: { textAlign: 'left', padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  cell: { padding: '0 8px', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', verticalAlign: 'top' },
  removed: { backgroundColor: tokens.colorPaletteRedBackground1 },
  added: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  wrap: { maxHeight: '420px', overflow: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}` },
});

export function DiffView({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
}) {
  const styles = useStyles();
  const rows = useMemo(() => diffRows(before, after), [before, after]);
  const changed = rows.some((r) => r.change !== 'same');
  return (
    // Focusable and labelled: a long diff scrolls, and keyboard users must be able to scroll it too.
    <div
      className={styles.wrap}
      data-testid="diff-view"
      tabIndex={0}
      role="region"
      aria-label={`${beforeLabel} beside ${afterLabel}`}
    >
      <table
        className={styles.table}
        aria-label={changed ? `Differences between ${beforeLabel} and ${afterLabel}` : 'No differences'}
      >
        <thead>
          <tr>
            <th className={styles.head} scope="col">
              {beforeLabel}
            </th>
            <th className={styles.head} scope="col">
              {afterLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td
                className={`${styles.cell} ${row.change === 'removed' || row.change === 'changed' ? styles.removed : ''}`}
              >
                {row.left ?? ''}
              </td>
              <td
                className={`${styles.cell} ${row.change === 'added' || row.change === 'changed' ? styles.added : ''}`}
              >
                {row.right ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

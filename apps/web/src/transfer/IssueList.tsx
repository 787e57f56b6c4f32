import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorCircleRegular, WarningRegular } from '@fluentui/react-icons';
import type { BundleIssue } from '../api/transfer.ts';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  item: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: '8px', alignItems: 'start' },
  error: { color: tokens.colorPaletteRedForeground1, marginTop: '2px' },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, marginTop: '2px' },
  where: { color: tokens.colorNeutralForeground3, gridColumnStart: 2, overflowWrap: 'anywhere' },
  path: { fontFamily: tokens.fontFamilyMonospace },
});

function position(issue: BundleIssue): string | undefined {
  if (issue.line === undefined) return undefined;
  return issue.column === undefined ? `line ${issue.line}` : `line ${issue.line}, column ${issue.column}`;
}

/** Findings with their severity, message, JSON pointer, code and (for submitted text) line. */
export function IssueList({ issues }: { issues: readonly BundleIssue[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {issues.map((issue, index) => {
        const warning = issue.severity === 'warning';
        const at = position(issue);
        return (
          <li key={index} className={styles.item}>
            {warning ? (
              <WarningRegular className={styles.warning} aria-hidden />
            ) : (
              <ErrorCircleRegular className={styles.error} aria-hidden />
            )}
            <span>{issue.message}</span>
            <Caption1 className={styles.where}>
              {warning ? 'Warning' : 'Error'} · <span className={styles.path}>{issue.path || '/'}</span> ·{' '}
              {issue.code}
              {at ? ` · ${at}` : null}
            </Caption1>
          </li>
        );
      })}
    </ul>
  );
}

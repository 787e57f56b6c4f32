import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** What the detail pages share: a header, two columns (facts and history; the manifest), cards. */
export const useDetailStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '12px' },
  header: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: '16px',
    alignItems: 'start',
  },
  stack: { display: 'flex', flexDirection: 'column', gap: '16px', minWidth: 0 },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
    padding: '14px 18px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  settings: {
    display: 'grid',
    gridTemplateColumns: 'minmax(96px, 40%) minmax(0, 1fr)',
    gap: '6px 16px',
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  list: { margin: 0, paddingLeft: '18px' },
  secondary: { color: tokens.colorNeutralForeground3 },
});

export function Card({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  const styles = useDetailStyles();
  return (
    <section className={styles.card} aria-label={title} data-testid={testId}>
      <Subtitle2 as="h2">{title}</Subtitle2>
      {children}
    </section>
  );
}

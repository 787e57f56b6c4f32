import { Caption1, Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';
import type { Resource } from '@flowplane/model';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { instancePath } from '../shell/sections.ts';
import { KIND_LABELS, KIND_ORDER, plural, sectionOf } from './resources.ts';

const useStyles = makeStyles({
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
    gap: '12px',
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '12px 16px',
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
  count: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: 600 },
  secondary: { color: tokens.colorNeutralForeground3 },
});

const isDraft = (resource: Resource) => resource.status?.draft === true;

/** How many resources of each kind the instance holds, each linked to its list. */
export function CountCards({
  instance,
  lists,
}: {
  instance: string;
  /** In KIND_ORDER. */
  lists: readonly UseQueryResult<Resource[]>[];
}) {
  const styles = useStyles();
  return (
    <ul className={styles.cards} aria-label="Resources">
      {KIND_ORDER.map((kind, index) => {
        const list = lists[index];
        const section = sectionOf(kind);
        const label = KIND_LABELS[kind].many;
        const drafts = list?.data?.filter(isDraft).length ?? 0;
        return (
          <li key={kind} className={styles.card} data-testid={`overview-count-${kind}`}>
            {section ? <Link to={instancePath(instance, section)}>{label}</Link> : <span>{label}</span>}
            {list?.data ? (
              <span className={styles.count}>{list.data.length}</span>
            ) : list?.isError ? (
              <span className={styles.count} title="Could not be loaded">
                —
              </span>
            ) : (
              <Skeleton {...(index === 0 ? { 'aria-label': 'Loading counts' } : { 'aria-hidden': true })}>
                <SkeletonItem size={40} />
              </Skeleton>
            )}
            <Caption1 className={styles.secondary}>
              {drafts > 0 ? `${plural(drafts, 'draft')}, never deployed` : section ? '\u00a0' : 'No page yet'}
            </Caption1>
          </li>
        );
      })}
    </ul>
  );
}

import { Body1, Caption1, Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { overviewQueries, type RevisionOperation } from '../api/overview.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';
import { Panel } from './Panel.tsx';
import { ResourceLink } from './ResourceLink.tsx';
import { formatTime, timeAgo } from './time.ts';

const LIMIT = 10;

const VERBS: Record<RevisionOperation, string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  restore: 'restored from an earlier revision',
  import: 'imported',
};

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '10px' },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', overflowWrap: 'anywhere' },
  secondary: { color: tokens.colorNeutralForeground3 },
});

/** The latest writes of the instance: what, who (the writer's From header) and when. */
export function RecentChanges({ instance }: { instance: string }) {
  const styles = useStyles();
  const recent = useQuery(overviewQueries.recent(instance, LIMIT));
  return (
    <Panel title="Recent changes" testId="overview-recent">
      {recent.isError ? (
        <ProblemMessage error={recent.error} onRetry={() => void recent.refetch()} />
      ) : recent.isPending ? (
        <Skeleton aria-label="Loading recent changes">
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
        </Skeleton>
      ) : recent.data.items.length === 0 ? (
        <Body1>
          No changes recorded yet. Every create, edit, delete, restore and import shows up here with who made
          it; start on the <Link to={instancePath(instance, 'import-export')}>Import / Export</Link> page.
        </Body1>
      ) : (
        <ol className={styles.list}>
          {recent.data.items.map((change) => (
            <li key={`${change.kind}/${change.name}/${change.revision}`} className={styles.item}>
              <span>
                <ResourceLink instance={instance} kind={change.kind} name={change.name} />{' '}
                {VERBS[change.operation]}
              </span>
              <Caption1 className={styles.secondary}>
                by {change.actor ?? 'an unnamed client'} ·{' '}
                <time dateTime={change.timestamp} title={formatTime(change.timestamp)}>
                  {timeAgo(change.timestamp)}
                </time>{' '}
                · revision {change.revision}
              </Caption1>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

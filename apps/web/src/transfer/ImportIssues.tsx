import { Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { BundleIssue, PlanEntry } from '../api/transfer.ts';
import { ResourceLink } from '../overview/ResourceLink.tsx';
import { IssueList } from './IssueList.tsx';
import { countsText, groupIssues, type IssueGroup } from './issues.ts';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: '12px' },
  header: { display: 'flex', alignItems: 'baseline', gap: '12px' },
  title: { margin: 0 },
  groups: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '14px' },
  group: { display: 'flex', flexDirection: 'column', gap: '6px' },
  secondary: { color: tokens.colorNeutralForeground3 },
});

function GroupTitle({
  instance,
  group,
  plan,
  applied,
}: {
  instance: string;
  group: IssueGroup;
  plan: readonly PlanEntry[];
  applied: boolean;
}) {
  const styles = useStyles();
  const entry = plan.find((p) => p.document === group.document);
  const where = group.document === undefined ? undefined : `document ${group.document + 1}`;
  if (group.resource === undefined) {
    return <span>{where === undefined ? 'The submitted text' : `The submitted text, ${where}`}</span>;
  }
  // A resource the import creates does not exist until the import is applied; a submitted document the
  // plan does not name (a refused import) may not exist either. Stored resources do.
  const exists = applied || (entry ? entry.action !== 'create' : group.document === undefined);
  return (
    <span>
      <ResourceLink
        instance={instance}
        kind={group.resource.kind}
        name={group.resource.name}
        linked={exists}
      />
      <Caption1 className={styles.secondary}>
        {' '}
        {where ?? '(stored: the submitted resources would break it)'}
      </Caption1>
    </span>
  );
}

/** Every finding of an import, each under the resource (or document of the text) it is about. */
export function ImportIssues({
  instance,
  issues,
  plan = [],
  applied = false,
}: {
  instance: string;
  issues: readonly BundleIssue[];
  plan?: readonly PlanEntry[];
  applied?: boolean;
}) {
  const styles = useStyles();
  const id = useId();
  const groups = groupIssues(issues, plan);
  return (
    <section className={styles.panel} aria-labelledby={id} data-testid="import-issues">
      <div className={styles.header}>
        <Subtitle2 as="h2" id={id} className={styles.title}>
          Issues
        </Subtitle2>
        <Caption1 className={styles.secondary}>{countsText(issues)}</Caption1>
      </div>
      <ul className={styles.groups}>
        {groups.map((group) => (
          <li key={group.key} className={styles.group}>
            <GroupTitle instance={instance} group={group} plan={plan} applied={applied} />
            <IssueList issues={group.issues} />
          </li>
        ))}
      </ul>
    </section>
  );
}

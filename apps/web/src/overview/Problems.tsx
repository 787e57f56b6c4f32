import { Body1, Caption1, Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular } from '@fluentui/react-icons';
import type { Resource } from '@flowplane/model';
import { useQuery } from '@tanstack/react-query';
import { transferQueries } from '../api/transfer.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { IssueList } from '../transfer/IssueList.tsx';
import { countsText, groupIssues } from '../transfer/issues.ts';
import { Panel } from './Panel.tsx';
import { ResourceLink } from './ResourceLink.tsx';
import { KIND_ORDER, plural, type ResourcesByKind } from './resources.ts';

const useStyles = makeStyles({
  groups: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '14px' },
  group: { display: 'flex', flexDirection: 'column', gap: '6px' },
  ok: { display: 'flex', alignItems: 'center', gap: '8px' },
  okIcon: { color: tokens.colorPaletteGreenForeground1, fontSize: '20px' },
  secondary: { color: tokens.colorNeutralForeground3 },
  drafts: { margin: 0, paddingLeft: '20px' },
});

const isDraft = (resource: Resource) => resource.status?.draft === true;

function storedIssueCount(resource: Resource): number {
  const issues = resource.status?.issues;
  return Array.isArray(issues) ? issues.length : 0;
}

/**
 * Every finding about the instance, from the API's own validation (POST …/validate with the instance's
 * resources: the rules of every layer and the transformation compiler, as on a write). Drafts are left out:
 * they are stored broken on purpose and never deployed or exported.
 */
export function Problems({
  instance,
  resources,
  listsFailed,
}: {
  instance: string;
  resources: ResourcesByKind | undefined;
  listsFailed: boolean;
}) {
  const styles = useStyles();
  const all = resources ? KIND_ORDER.flatMap((kind) => resources[kind]) : [];
  const checked = all.filter((r) => !isDraft(r));
  const drafts = all.filter(isDraft);
  const validation = useQuery({
    ...transferQueries.validation(instance, checked),
    enabled: resources !== undefined && checked.length > 0,
  });
  const groups = validation.data ? groupIssues(validation.data.issues) : [];

  return (
    <Panel title="Validation problems" testId="overview-problems">
      {listsFailed ? (
        <Caption1 className={styles.secondary}>
          The resources could not be loaded, so they cannot be checked; see the message above.
        </Caption1>
      ) : resources === undefined || (checked.length > 0 && validation.isPending) ? (
        <Skeleton aria-label="Checking the resources">
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
        </Skeleton>
      ) : validation.isError ? (
        <ProblemMessage error={validation.error} onRetry={() => void validation.refetch()} />
      ) : checked.length === 0 ? (
        <Body1>Nothing to check yet: the instance holds no resources besides drafts.</Body1>
      ) : groups.length === 0 ? (
        <div className={styles.ok} role="status">
          <CheckmarkCircleRegular className={styles.okIcon} aria-hidden />
          <Body1>No problems: {plural(checked.length, 'resource')} pass every rule.</Body1>
        </div>
      ) : (
        <>
          <Body1>
            {countsText(validation.data?.issues ?? [])} in {plural(groups.length, 'resource')}.
          </Body1>
          <ul className={styles.groups}>
            {groups.map((group) => (
              <li key={group.key} className={styles.group}>
                {group.resource ? (
                  <ResourceLink instance={instance} kind={group.resource.kind} name={group.resource.name} />
                ) : (
                  <span>The instance as a whole</span>
                )}
                <IssueList issues={group.issues} />
              </li>
            ))}
          </ul>
        </>
      )}
      {drafts.length > 0 && !listsFailed ? (
        <div>
          <Caption1 className={styles.secondary}>
            Not checked here: {plural(drafts.length, 'draft')}, stored with their problems and never deployed
            or exported until saved without the draft flag.
          </Caption1>
          <ul className={styles.drafts}>
            {drafts.map((draft) => (
              <li key={`${draft.kind}/${draft.metadata.name}`}>
                <ResourceLink instance={instance} kind={draft.kind} name={draft.metadata.name} />
                <Caption1 className={styles.secondary}>
                  {' '}
                  ({plural(storedIssueCount(draft), 'issue')} when it was saved)
                </Caption1>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Panel>
  );
}

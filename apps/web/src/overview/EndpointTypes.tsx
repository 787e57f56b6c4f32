import { Body1, Caption1, Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';
import type { EndpointType, Resource } from '@flowplane/model';
import { Link } from 'react-router';
import { ENDPOINT_TYPE_LABELS } from '../endpoints/summary.ts';
import { instancePath } from '../shell/sections.ts';
import { Panel } from './Panel.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '10px' },
  row: { display: 'grid', gridTemplateColumns: '1fr auto', rowGap: '4px', columnGap: '12px' },
  track: {
    gridColumnEnd: 'span 2',
    height: '6px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground4,
  },
  bar: {
    height: '100%',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
  },
  secondary: { color: tokens.colorNeutralForeground3 },
});

function countByType(endpoints: readonly Resource[]): [EndpointType, number][] {
  const counts = new Map<EndpointType, number>();
  for (const resource of endpoints) {
    if (resource.kind !== 'DataflowEndpoint') continue;
    const type = resource.spec.endpointType;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].sort(
    ([a, x], [b, y]) => y - x || ENDPOINT_TYPE_LABELS[a].localeCompare(ENDPOINT_TYPE_LABELS[b]),
  );
}

/** Endpoints per type, each linked to the endpoint list filtered by that type. */
export function EndpointTypes({
  instance,
  endpoints,
  failed,
}: {
  instance: string;
  endpoints: readonly Resource[] | undefined;
  failed: boolean;
}) {
  const styles = useStyles();
  const counts = endpoints ? countByType(endpoints) : [];
  const largest = Math.max(1, ...counts.map(([, n]) => n));
  return (
    <Panel title="Endpoints by type" testId="overview-endpoint-types">
      {failed ? (
        <Caption1 className={styles.secondary}>
          The endpoints could not be loaded; see the message above.
        </Caption1>
      ) : endpoints === undefined ? (
        <Skeleton aria-label="Loading endpoint types">
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
        </Skeleton>
      ) : counts.length === 0 ? (
        <Body1>
          No endpoints yet. Every dataflow needs one at each end, starting with the local MQTT broker; import
          them on the <Link to={instancePath(instance, 'import-export')}>Import / Export</Link> page.
        </Body1>
      ) : (
        <ul className={styles.list}>
          {counts.map(([type, n]) => (
            <li key={type} className={styles.row}>
              <Link to={`${instancePath(instance, 'endpoints')}?type=${type}`}>
                {ENDPOINT_TYPE_LABELS[type]}
              </Link>
              <span>{n}</span>
              <div className={styles.track} aria-hidden>
                <div className={styles.bar} style={{ width: `${(100 * n) / largest}%` }} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

import {
  Badge,
  Caption1,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { ArrowRightRegular, WarningFilled } from '@fluentui/react-icons';
import type { EndpointType } from '@flowplane/model';
import type { ReactNode } from 'react';
import type { RuntimeDataflow, RuntimeState } from '../api/runtime.ts';
import { TYPE_ICONS } from '../endpoints/icons.tsx';
import { ENDPOINT_TYPE_LABELS } from '../endpoints/summary.ts';
import type { DataflowRow } from './summary.ts';

const useStyles = makeStyles({
  ends: { display: 'flex', alignItems: 'center', gap: '6px', flexWrap: 'wrap' },
  end: { display: 'inline-flex', alignItems: 'center', gap: '4px', overflowWrap: 'anywhere' },
  icon: { display: 'inline-flex', fontSize: '16px', color: tokens.colorNeutralForeground2 },
  warning: { display: 'inline-flex', fontSize: '16px', color: tokens.colorPaletteDarkOrangeForeground1 },
  secondary: { color: tokens.colorNeutralForeground3 },
  focusable: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  stack: { display: 'flex', flexDirection: 'column', alignItems: 'start', gap: '2px' },
});

/** Something with an explanation a keyboard user can reach too: the tooltip shows on focus as on hover. */
function Hint({ content, children }: { content: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <Tooltip content={content} relationship="description">
      <span className={styles.focusable} tabIndex={0}>
        {children}
      </span>
    </Tooltip>
  );
}

/** The endpoint's name after its type icon; a name the instance does not hold gets a warning instead. */
function End({ name, types }: { name: string; types: ReadonlyMap<string, EndpointType> | undefined }) {
  const styles = useStyles();
  const type = types?.get(name);
  let media: ReactNode = null;
  if (type !== undefined) {
    const label = ENDPOINT_TYPE_LABELS[type];
    media = (
      <span className={styles.icon} role="img" aria-label={label} title={label}>
        {TYPE_ICONS[type]}
      </span>
    );
  } else if (types !== undefined) {
    media = (
      <Tooltip content={`No endpoint named ${name} exists in this instance.`} relationship="label">
        <span className={mergeClasses(styles.focusable, styles.warning)} role="img" tabIndex={0}>
          <WarningFilled />
        </span>
      </Tooltip>
    );
  }
  return (
    <span className={styles.end}>
      {media}
      {name}
    </span>
  );
}

/**
 * Source → destination. `types` maps the instance's endpoint names to their types; undefined while the
 * endpoints are unknown, so no endpoint is called missing before the list has arrived.
 */
export function Ends({
  row,
  types,
}: {
  row: Pick<DataflowRow, 'sources' | 'destinations' | 'transformed'>;
  types: ReadonlyMap<string, EndpointType> | undefined;
}) {
  const styles = useStyles();
  const side = (names: readonly string[]) =>
    names.length === 0 ? <span>—</span> : names.map((name) => <End key={name} name={name} types={types} />);
  return (
    <span className={styles.ends}>
      {side(row.sources)}
      <span
        className={styles.icon}
        role="img"
        aria-label={row.transformed ? 'transformed, then to' : 'to'}
        title={row.transformed ? 'Transformed on the way' : undefined}
      >
        <ArrowRightRegular />
      </span>
      {side(row.destinations)}
    </span>
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Draft and/or its problems (with the first messages on hover or focus), else Valid. */
export function ValidationBadges({ row }: { row: Pick<DataflowRow, 'draft' | 'valid' | 'problems'> }) {
  const styles = useStyles();
  const draft = row.draft ? (
    <Badge appearance="outline" color="informative">
      Draft
    </Badge>
  ) : null;
  if (row.valid) {
    return (
      draft ?? (
        <Badge appearance="tint" color="success">
          Valid
        </Badge>
      )
    );
  }
  const shown = row.problems.slice(0, 3);
  const more = row.problems.length - shown.length;
  const summary =
    shown.length === 0
      ? 'The API found this dataflow invalid.'
      : [...shown, ...(more > 0 ? [`and ${more} more`] : [])].join(' · ');
  return (
    <span className={styles.ends}>
      {draft}
      <Hint content={summary}>
        <Badge appearance="filled" color="danger">
          {row.problems.length === 0 ? 'Invalid' : plural(row.problems.length, 'problem')}
        </Badge>
      </Hint>
    </span>
  );
}

const STATE_LABELS: Record<RuntimeState, string> = {
  starting: 'Starting',
  running: 'Running',
  disabled: 'Disabled',
  failed: 'Failed',
};

const STATE_COLORS: Record<RuntimeState, NonNullable<BadgeProps['color']>> = {
  starting: 'informative',
  running: 'success',
  disabled: 'subtle',
  failed: 'danger',
};

const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** The state the runtime reports, with the message rate when it runs and the last error when it failed. */
export function RuntimeCell({ state, checking }: { state: RuntimeDataflow | undefined; checking: boolean }) {
  const styles = useStyles();
  if (state === undefined) {
    return <span className={styles.secondary}>{checking ? 'Checking…' : 'Not deployed'}</span>;
  }
  const badge = (
    <Badge appearance="tint" color={STATE_COLORS[state.state]}>
      {STATE_LABELS[state.state]}
    </Badge>
  );
  if (state.state === 'failed' && state.lastError !== undefined) {
    return <Hint content={state.lastError.message}>{badge}</Hint>;
  }
  if (state.state !== 'running') return badge;
  return (
    <span className={styles.stack}>
      {badge}
      <Caption1 className={styles.secondary}>
        {rateFormat.format(state.rates.receivedPerSecond)} msg/s in
      </Caption1>
    </span>
  );
}

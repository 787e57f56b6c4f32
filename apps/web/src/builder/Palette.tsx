import {
  Button,
  Caption1,
  SearchBox,
  Subtitle2,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowSwapRegular } from '@fluentui/react-icons';
import { ENDPOINT_TYPES, canBeSource, type DataflowEndpoint } from '@flowplane/model';
import { useMemo, useState } from 'react';
import { TYPE_ICONS } from '../endpoints/icons.tsx';
import { ENDPOINT_TYPE_LABELS } from '../endpoints/summary.ts';
import { NewEndpointDialog } from './NewEndpointDialog.tsx';
import { RULE_KINDS, ruleRefusal } from './operations.ts';
import { useBuilder } from './store.ts';
import {
  ENDPOINT_DRAG,
  RULE_DRAG,
  TRANSFORMATION_DRAG,
  useAddRule,
  useAddTransformation,
  usePlaceEndpoint,
} from './palette-actions.ts';

const useStyles = makeStyles({
  palette: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0, overflowY: 'auto' },
  group: { display: 'flex', flexDirection: 'column', gap: '4px', margin: 0, padding: 0, listStyle: 'none' },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: '6px',
    padding: '6px 8px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: 'grab',
    overflowWrap: 'anywhere',
    ':hover': { border: `1px solid ${tokens.colorBrandStroke1}` },
  },
  // Items are buttons: a click does what a drop on the canvas does, for those who cannot drag.
  button: { width: '100%', font: 'inherit', color: 'inherit', textAlign: 'start' },
  rules: { display: 'flex', flexWrap: 'wrap', gap: '4px', margin: 0, padding: 0, listStyle: 'none' },
  // Compact chips: the endpoints below stay in view.
  rule: {
    width: 'auto',
    padding: '2px 6px',
    fontSize: tokens.fontSizeBase200,
    ':disabled': { cursor: 'not-allowed', color: tokens.colorNeutralForegroundDisabled },
  },
  muted: { color: tokens.colorNeutralForeground3 },
  heading: { marginTop: '6px' },
});

/**
 * What can be dragged onto the canvas, or clicked: the instance's endpoints by type (first: what users drag
 * most; a click puts one on the first end without an endpoint), the transformation stage and the kinds of
 * transformation rule.
 */
export function Palette({
  instance,
  endpoints,
}: {
  instance: string;
  endpoints: readonly DataflowEndpoint[];
}) {
  const styles = useStyles();
  const drag = useBuilder((s) => s.drag);
  const doc = useBuilder((s) => s.doc);
  const addRule = useAddRule();
  const addTransformation = useAddTransformation();
  const placeEndpoint = usePlaceEndpoint();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const groups = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return ENDPOINT_TYPES.map((type) => ({
      type,
      items: endpoints.filter(
        (e) =>
          e.spec.endpointType === type && (needle === '' || e.metadata.name.toLowerCase().includes(needle)),
      ),
    })).filter((g) => g.items.length > 0);
  }, [endpoints, search]);

  return (
    <nav className={styles.palette} aria-label="Palette" data-testid="builder-palette">
      <Subtitle2 as="h2">Endpoints</Subtitle2>
      <SearchBox
        size="small"
        aria-label="Search endpoints"
        placeholder="Search endpoints"
        value={search}
        onChange={(_e, data) => setSearch(data.value)}
      />
      {groups.map((group) => (
        <section key={group.type} aria-label={ENDPOINT_TYPE_LABELS[group.type]}>
          <Caption1 className={styles.muted}>{ENDPOINT_TYPE_LABELS[group.type]}</Caption1>
          <ul className={styles.group}>
            {group.items.map((endpoint) => {
              const name = endpoint.metadata.name;
              return (
                <li key={name}>
                  <button
                    type="button"
                    className={mergeClasses(styles.item, styles.button)}
                    draggable
                    data-testid={`palette-endpoint-${name}`}
                    title={canBeSource(endpoint.spec).ok ? 'Source or destination' : 'Destination only'}
                    onClick={() => placeEndpoint(name)}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(ENDPOINT_DRAG, name);
                      event.dataTransfer.effectAllowed = 'copy';
                      drag(name);
                    }}
                    onDragEnd={() => drag(undefined)}
                  >
                    {TYPE_ICONS[group.type]}
                    {name}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {groups.length === 0 ? <Caption1 className={styles.muted}>No endpoint matches.</Caption1> : null}
      <Button
        size="small"
        icon={<AddRegular />}
        onClick={() => setCreating(true)}
        data-testid="palette-new-endpoint"
      >
        Create endpoint
      </Button>
      {creating ? (
        <NewEndpointDialog
          instance={instance}
          onClose={() => setCreating(false)}
          onCreated={() => setCreating(false)}
        />
      ) : null}
      <Subtitle2 as="h2" className={styles.heading}>
        Transformation
      </Subtitle2>
      <ul className={styles.group}>
        <li>
          <button
            type="button"
            className={mergeClasses(styles.item, styles.button)}
            draggable
            data-testid="palette-transformation"
            onClick={addTransformation}
            onDragStart={(event) => {
              event.dataTransfer.setData(TRANSFORMATION_DRAG, 'BuiltInTransformation');
              event.dataTransfer.effectAllowed = 'copy';
            }}
          >
            <ArrowSwapRegular /> Transformation
          </button>
        </li>
      </ul>
      <Caption1 className={styles.muted}>Rules: drag onto the canvas or click</Caption1>
      <ul className={styles.rules} aria-label="Transformation rules">
        {RULE_KINDS.map((rule) => {
          const refusal = ruleRefusal(doc, rule.kind);
          return (
            <li key={rule.kind}>
              <button
                type="button"
                className={mergeClasses(styles.item, styles.button, styles.rule)}
                draggable={refusal === undefined}
                disabled={refusal !== undefined}
                title={refusal ?? rule.hint}
                data-testid={`palette-rule-${rule.kind}`}
                onClick={() => addRule(rule.kind)}
                onDragStart={(event) => {
                  event.dataTransfer.setData(RULE_DRAG, rule.kind);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
              >
                {rule.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

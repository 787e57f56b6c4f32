import { Badge, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSwapRegular, ErrorCircleRegular, WarningRegular } from '@fluentui/react-icons';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { TYPE_ICONS } from '../endpoints/icons.tsx';
import type { StageNode as StageNodeType } from './graph.ts';
import { useBuilder } from './store.ts';
import { useDropVerdict } from './use-drop-verdict.ts';

const TITLES = {
  Source: 'Source',
  BuiltInTransformation: 'Transformation',
  Destination: 'Destination',
} as const;

const useStyles = makeStyles({
  node: {
    width: '220px',
    boxSizing: 'border-box',
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    fontFamily: tokens.fontFamilyBase,
  },
  selected: { border: `2px solid ${tokens.colorBrandStroke1}` },
  accept: { border: `2px dashed ${tokens.colorPaletteGreenBorder2}` },
  refuse: {
    border: `2px dashed ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  head: { display: 'flex', alignItems: 'center', gap: '6px' },
  title: { fontWeight: tokens.fontWeightSemibold, marginRight: 'auto' },
  endpoint: { display: 'flex', alignItems: 'center', gap: '6px', fontSize: tokens.fontSizeBase300 },
  muted: { color: tokens.colorNeutralForeground3 },
  line: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  reason: { color: tokens.colorPaletteRedForeground1 },
  live: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** One stage of the dataflow on the canvas: its endpoint, a summary, its problems, and drop feedback. */
export function StageNode({ data }: NodeProps<StageNodeType>) {
  const styles = useStyles();
  const dragging = useBuilder((s) => s.dragging);
  const verdict = useDropVerdict(data.stage, dragging);
  const hoverClass = dragging === undefined ? undefined : verdict?.ok ? styles.accept : styles.refuse;
  return (
    <div
      className={mergeClasses(styles.node, data.selected && styles.selected, hoverClass)}
      data-testid={`stage-${data.stage}`}
      aria-label={`${TITLES[data.stage]} stage${data.errors > 0 ? `, ${data.errors} problems` : ''}`}
    >
      {data.stage !== 'Source' ? (
        <Handle type="target" position={Position.Left} isConnectable={false} />
      ) : null}
      <div className={styles.head}>
        <span className={styles.title}>{TITLES[data.stage]}</span>
        {data.errors > 0 ? (
          <Badge
            color="danger"
            size="small"
            icon={<ErrorCircleRegular />}
            data-testid={`stage-${data.stage}-errors`}
          >
            {data.errors}
          </Badge>
        ) : data.warnings > 0 ? (
          <Badge color="warning" size="small" icon={<WarningRegular />}>
            {data.warnings}
          </Badge>
        ) : null}
      </div>
      {data.stage === 'BuiltInTransformation' ? (
        <span className={styles.endpoint}>
          <ArrowSwapRegular /> datasets → filter → map
        </span>
      ) : data.endpoint ? (
        <span className={styles.endpoint}>
          {data.endpoint.type ? TYPE_ICONS[data.endpoint.type] : <WarningRegular />}
          {data.endpoint.name}
        </span>
      ) : (
        <Caption1 className={styles.muted}>Drop an endpoint here</Caption1>
      )}
      {data.lines.map((line) => (
        <Caption1 key={line} className={styles.line}>
          {line}
        </Caption1>
      ))}
      {data.live ? (
        <Caption1 className={styles.live} data-testid={`stage-${data.stage}-live`}>
          {data.live}
        </Caption1>
      ) : null}
      {dragging !== undefined && verdict && !verdict.ok ? (
        <Caption1 className={styles.reason} role="status">
          {verdict.reason}
        </Caption1>
      ) : null}
      {data.stage !== 'Destination' ? (
        <Handle type="source" position={Position.Right} isConnectable={false} />
      ) : null}
    </div>
  );
}

import { Body1, Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorCircleRegular, WarningRegular } from '@fluentui/react-icons';
import { decodePointer, type Issue } from '@flowplane/model';
import { labelOf } from '../forms/schema.ts';
import { focusIssue } from '../forms/focus.ts';
import { useBuilder } from './store.ts';
import { stageOfIssue } from './validation.ts';

const TITLES = {
  Source: 'Source',
  BuiltInTransformation: 'Transformation',
  Destination: 'Destination',
} as const;

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { justifyContent: 'start', textAlign: 'left', height: 'auto', paddingBlock: '4px' },
  error: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** "Source › Data sources 1": the stage and the field of an issue, in the form's words. */
function whereOf(pointer: string, stage: keyof typeof TITLES | undefined): string {
  const segments = decodePointer(pointer);
  // Past /spec/operations/<i>/<settings>: the field inside the stage.
  const inside = stage ? segments.slice(4) : segments.slice(segments[0] === 'spec' ? 1 : 0);
  const words = inside.map((s) => (/^\d+$/.test(s) ? String(Number(s) + 1) : labelOf(s)));
  return [stage ? TITLES[stage] : 'Dataflow', words.join(' ')].filter((w) => w !== '').join(' › ');
}

/** Every issue of the dataflow; a click selects its stage and puts the focus on its field. */
export function ProblemsPanel({ issues }: { issues: readonly Issue[] }) {
  const styles = useStyles();
  const doc = useBuilder((s) => s.doc);
  const select = useBuilder((s) => s.select);
  return (
    <section className={styles.panel} aria-label="Problems" data-testid="builder-problems">
      <Subtitle2 as="h2">Problems {issues.length > 0 ? `(${issues.length})` : ''}</Subtitle2>
      {issues.length === 0 ? (
        <Body1 className={styles.muted}>None: the platform would accept this dataflow.</Body1>
      ) : (
        <ul className={styles.list}>
          {issues.map((issue) => {
            const stage = stageOfIssue(doc, issue.path);
            return (
              <li key={`${issue.path} ${issue.code} ${issue.message}`}>
                <Button
                  appearance="subtle"
                  className={styles.item}
                  icon={
                    issue.severity === 'error' ? (
                      <ErrorCircleRegular className={styles.error} />
                    ) : (
                      <WarningRegular className={styles.warning} />
                    )
                  }
                  onClick={() => {
                    select(stage);
                    requestAnimationFrame(() => focusIssue(issue.path));
                  }}
                >
                  <span>
                    <Caption1 className={styles.muted}>{whereOf(issue.path, stage)} · </Caption1>
                    {issue.message}
                  </span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

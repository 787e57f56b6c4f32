import {
  Badge,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import type { ImportResult, PlanAction } from '../api/transfer.ts';
import { ResourceLink } from '../overview/ResourceLink.tsx';
import { plural } from '../overview/resources.ts';
import { ImportIssues } from './ImportIssues.tsx';
import { countsText, isError, isTranslation } from './issues.ts';

const useStyles = makeStyles({
  result: { display: 'flex', flexDirection: 'column', gap: '16px' },
  surface: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowX: 'auto',
  },
  table: { tableLayout: 'auto' },
  secondary: { color: tokens.colorNeutralForeground3 },
});

// Lower case, as a plan reads ("create", "update"); after the import, what happened ("created").
const ACTIONS: Record<PlanAction, { planned: string; done: string; color: BadgeProps['color'] }> = {
  create: { planned: 'create', done: 'created', color: 'success' },
  update: { planned: 'update', done: 'updated', color: 'warning' },
  unchanged: { planned: 'unchanged', done: 'unchanged', color: 'informative' },
};

function tally(result: ImportResult, action: PlanAction): number {
  return result.plan.filter((p) => p.action === action).length;
}

function Summary({ result }: { result: ImportResult }) {
  const created = tally(result, 'create');
  const updated = tally(result, 'update');
  const unchanged = tally(result, 'unchanged');
  const errors = result.issues.filter(isError).length;
  if (!result.dryRun) {
    return (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Imported</MessageBarTitle>
          {created} created, {updated} updated, {unchanged} unchanged.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!result.valid) {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Nothing can be imported yet</MessageBarTitle>
          {plural(errors, 'error')} must be fixed first: the import is all or nothing.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Preview: nothing has been written</MessageBarTitle>
        Importing would create {created}, update {updated} and leave {unchanged} unchanged.
      </MessageBarBody>
    </MessageBar>
  );
}

/** The plan of an import (a dry run's, or what an applied one did) with each resource's findings. */
export function ImportPlan({ instance, result }: { instance: string; result: ImportResult }) {
  const styles = useStyles();
  const applied = !result.dryRun;
  return (
    <div className={styles.result}>
      <Summary result={result} />
      <div className={styles.surface}>
        <Table className={styles.table} aria-label={applied ? 'Imported resources' : 'Import plan'}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Resource</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
              <TableHeaderCell>Findings</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.plan.map((entry) => {
              const own = result.issues.filter((i) => i.document === entry.document);
              const translated = own.filter(isTranslation).length;
              const findings = [
                countsText(own.filter((i) => !isTranslation(i))),
                translated > 0 ? plural(translated, 'translation warning') : undefined,
              ].filter((text) => text !== undefined);
              const action = ACTIONS[entry.action];
              return (
                <TableRow
                  key={entry.document}
                  data-testid={`import-plan-row-${entry.kind}-${entry.name}`}
                  data-action={entry.action}
                >
                  <TableCell>
                    <ResourceLink
                      instance={instance}
                      kind={entry.kind}
                      name={entry.name}
                      linked={applied || entry.action !== 'create'}
                    />
                  </TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={action.color}>
                      {applied ? action.done : action.planned}
                    </Badge>
                  </TableCell>
                  <TableCell className={findings.length === 0 ? styles.secondary : undefined}>
                    {findings.length === 0 ? 'None' : findings.join(', ')}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {result.issues.length > 0 ? (
        <ImportIssues instance={instance} issues={result.issues} plan={result.plan} applied={applied} />
      ) : null}
    </div>
  );
}

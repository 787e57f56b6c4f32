import {
  Body1,
  Button,
  Caption1,
  SearchBox,
  Select,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title2,
  makeStyles,
} from '@fluentui/react-components';
import {
  AddRegular,
  OrganizationRegular,
  CopyRegular,
  DeleteRegular,
  EditRegular,
  MoreHorizontalRegular,
  OpenRegular,
} from '@fluentui/react-icons';
import type { EndpointType } from '@flowplane/model';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ALL_DATAFLOWS, dataflowQueries } from '../api/dataflows.ts';
import { ALL_ENDPOINTS, endpointQueries } from '../api/endpoints.ts';
import type { RuntimeDataflow, RuntimeState } from '../api/runtime.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';
import {
  LoadingRows,
  RowMenu,
  formatDate,
  useListStyles,
  useSort,
  useUrlParams,
  type MenuTarget,
} from '../resources/list.tsx';
import { DeleteDataflowDialog } from './DeleteDataflowDialog.tsx';
import { Ends, RuntimeCell, ValidationBadges } from './cells.tsx';
import { dataflowRow, type DataflowRow } from './summary.ts';
import { useRuntimeStatus } from './use-runtime-status.ts';
import { useDuplicate, useModeToggle } from './use-dataflow-writes.ts';

const COLUMNS = [
  { key: 'name', label: 'Name' },
  { key: 'profile', label: 'Profile' },
  { key: 'mode', label: 'Mode' },
  { key: 'ends', label: 'Source → Destination' },
  { key: 'validation', label: 'Validation' },
  { key: 'runtime', label: 'Runtime' },
  { key: 'changed', label: 'Last changed' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

/** A row with what the runtime says about it (undefined: not deployed, or no runtime). */
interface ListRow extends DataflowRow {
  runtime: RuntimeDataflow | undefined;
}

const RUNTIME_ORDER: Record<RuntimeState, number> = { running: 0, starting: 1, failed: 2, disabled: 3 };

function sortValue(row: ListRow, column: ColumnKey): string | number {
  switch (column) {
    case 'name':
      return row.name;
    case 'profile':
      return row.profile;
    case 'mode':
      return row.enabled ? 0 : 1;
    case 'ends':
      return `${row.sources.join(',')} ${row.destinations.join(',')}`;
    case 'validation':
      return row.valid ? (row.draft ? 1 : 0) : 2 + row.problems.length;
    case 'runtime':
      return row.runtime ? RUNTIME_ORDER[row.runtime.state] : 4;
    case 'changed':
      return row.changed ?? '';
  }
}

/** The distinct values, sorted, with the one the URL selects even when no dataflow has it (any more). */
function optionsOf(values: Iterable<string>, selected: string | undefined): string[] {
  const set = new Set(values);
  if (selected !== undefined) set.add(selected);
  return [...set].sort((a, b) => a.localeCompare(b));
}

const useStyles = makeStyles({
  name: { overflowWrap: 'anywhere' },
});

export function DataflowsPage() {
  const styles = { ...useListStyles(), ...useStyles() };
  const profileFilterId = useId();
  const endpointFilterId = useId();
  const instance = useParams().instance ?? 'default';
  const { params, update } = useUrlParams();
  const search = params.get('q') ?? '';
  const profile = params.get('profile') || undefined;
  const endpoint = params.get('endpoint') || undefined;
  const { column, direction, compare } = useSort(params, COLUMNS, sortValue);

  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<string | undefined>(undefined);
  const [actions, setActions] = useState<MenuTarget | undefined>(undefined);
  const list = useQuery(dataflowQueries.list(instance, ALL_DATAFLOWS));
  const endpoints = useQuery(endpointQueries.list(instance, ALL_ENDPOINTS));
  // No runtime for this instance simply means nothing of it is deployed.
  const { status: runtime, noRuntime } = useRuntimeStatus(instance);

  const types = useMemo(
    () =>
      endpoints.data
        ? new Map<string, EndpointType>(
            endpoints.data.items.map((e) => [e.metadata.name, e.spec.endpointType]),
          )
        : undefined,
    [endpoints.data],
  );
  const running = useMemo(
    () => new Map((runtime.data?.dataflows ?? []).map((d) => [d.name, d])),
    [runtime.data],
  );
  const allRows = useMemo<ListRow[]>(
    () =>
      list.data?.items.map((flow) => {
        const row = dataflowRow(flow);
        return { ...row, runtime: running.get(row.name) };
      }) ?? [],
    [list.data, running],
  );
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return allRows
      .filter((row) => profile === undefined || row.profile === profile)
      .filter(
        (row) =>
          endpoint === undefined || row.sources.includes(endpoint) || row.destinations.includes(endpoint),
      )
      .filter(
        (row) =>
          needle === '' ||
          [row.name, row.profile, ...row.sources, ...row.destinations].some((text) =>
            text.toLowerCase().includes(needle),
          ),
      )
      .sort(compare);
  }, [allRows, search, profile, endpoint, compare]);
  const profiles = optionsOf(
    allRows.map((r) => r.profile),
    profile,
  );
  const endpointNames = optionsOf(
    allRows.flatMap((r) => [...r.sources, ...r.destinations]),
    endpoint,
  );

  const mode = useModeToggle(instance);
  const duplicate = useDuplicate(
    instance,
    allRows.map((r) => r.name),
  );
  const rowNamed = (name: string | undefined) => allRows.find((r) => r.name === name);
  const deletingRow = rowNamed(deleting);

  const filtered = search !== '' || profile !== undefined || endpoint !== undefined;

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <div className={styles.header}>
        <Title2 as="h1" id="page-title">
          Dataflows
        </Title2>
        {list.data ? (
          <Caption1 className={styles.secondary}>
            {filtered ? `${rows.length} of ${allRows.length}` : `${allRows.length}`}
          </Caption1>
        ) : null}
        <Button
          className={styles.create}
          icon={<OrganizationRegular />}
          onClick={() => void navigate(instancePath(instance, 'dataflows', 'topology'))}
          data-testid="dataflows-topology"
        >
          Topology
        </Button>
        <Button
          appearance="primary"
          icon={<AddRegular />}
          onClick={() => void navigate(instancePath(instance, 'dataflows', 'new'))}
          data-testid="new-dataflow"
        >
          New dataflow
        </Button>
      </div>
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.search}
          aria-label="Search dataflows"
          placeholder="Search by name, profile or endpoint"
          value={search}
          onChange={(_event, data) => update({ q: data.value })}
        />
        <div className={styles.filter}>
          <label htmlFor={profileFilterId}>Profile</label>
          <Select
            id={profileFilterId}
            value={profile ?? ''}
            onChange={(_event, data) => update({ profile: data.value })}
          >
            <option value="">All profiles</option>
            {profiles.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </div>
        <div className={styles.filter}>
          <label htmlFor={endpointFilterId}>Endpoint</label>
          <Select
            id={endpointFilterId}
            value={endpoint ?? ''}
            onChange={(_event, data) => update({ endpoint: data.value })}
          >
            <option value="">All endpoints</option>
            {endpointNames.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {list.isError ? <ProblemMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.nextCursor ? (
        <Body1 as="p">
          Showing the first {ALL_DATAFLOWS.limit} dataflows; search and filters apply to those only.
        </Body1>
      ) : null}
      {/* A failed refresh keeps the rows already shown, under the problem. */}
      {list.data === undefined && list.isError ? null : (
        <div className={styles.surface}>
          <Table className={styles.table} aria-label="Dataflows" sortable>
            <TableHeader>
              <TableRow>
                {COLUMNS.map((c) => (
                  <TableHeaderCell
                    key={c.key}
                    sortDirection={c.key === column ? direction : undefined}
                    onClick={() =>
                      update({
                        sort: c.key,
                        dir: c.key === column && direction === 'ascending' ? 'descending' : 'ascending',
                      })
                    }
                  >
                    {c.label}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell>
                  <span className={styles.hidden}>Actions</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            {list.isPending ? (
              <LoadingRows columns={COLUMNS.length + 1} label="Loading dataflows" />
            ) : (
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.name} data-testid={`dataflow-row-${row.name}`}>
                    <TableCell className={styles.name}>
                      <Link to={instancePath(instance, 'dataflows', row.name)}>{row.name}</Link>
                    </TableCell>
                    <TableCell>
                      <Link to={instancePath(instance, 'profiles', row.profile)}>{row.profile}</Link>
                    </TableCell>
                    <TableCell>
                      <Switch
                        checked={row.enabled}
                        disabled={mode.pending.has(row.name)}
                        aria-label={`Enabled: ${row.name}`}
                        data-testid={`dataflow-mode-${row.name}`}
                        onChange={(_event, data) =>
                          mode.toggle({ flow: row.resource, enabled: data.checked })
                        }
                      />
                    </TableCell>
                    <TableCell>
                      <Ends row={row} types={types} />
                    </TableCell>
                    <TableCell>
                      <ValidationBadges row={row} />
                    </TableCell>
                    <TableCell>
                      <RuntimeCell state={row.runtime} checking={runtime.isPending && !noRuntime} />
                    </TableCell>
                    <TableCell>{formatDate(row.changed)}</TableCell>
                    <TableCell>
                      <Button
                        appearance="subtle"
                        icon={<MoreHorizontalRegular />}
                        aria-label={`Actions for ${row.name}`}
                        aria-haspopup="menu"
                        data-testid={`dataflow-actions-${row.name}`}
                        onClick={(event) => setActions({ name: row.name, button: event.currentTarget })}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            )}
          </Table>
          {list.data && rows.length === 0 ? (
            <div className={styles.empty} role="status">
              {filtered ? (
                <>
                  <Body1>No dataflow matches these filters.</Body1>
                  <Button onClick={() => update({ q: undefined, profile: undefined, endpoint: undefined })}>
                    Clear filters
                  </Button>
                </>
              ) : (
                <>
                  <Body1>
                    This instance has no dataflows yet. A dataflow moves messages from a source endpoint,
                    optionally transformed, to a destination endpoint.
                  </Body1>
                  <Body1>
                    <Link to={instancePath(instance, 'dataflows', 'new')}>Create a dataflow</Link> in the
                    builder or import manifests on the{' '}
                    <Link to={instancePath(instance, 'import-export')}>Import / Export</Link> page.
                  </Body1>
                </>
              )}
            </div>
          ) : null}
        </div>
      )}
      <RowMenu
        target={actions}
        onClose={() => setActions(undefined)}
        actions={(name) => {
          const path = instancePath(instance, 'dataflows', name);
          return [
            { label: 'Open', icon: <OpenRegular />, onClick: () => void navigate(path) },
            { label: 'Edit in builder', icon: <EditRegular />, onClick: () => void navigate(`${path}/edit`) },
            {
              label: 'Duplicate',
              icon: <CopyRegular />,
              onClick: () => {
                const row = rowNamed(name);
                if (row !== undefined) duplicate.mutate(row.resource);
              },
              testId: `dataflow-duplicate-${name}`,
            },
            {
              label: 'Delete',
              icon: <DeleteRegular />,
              onClick: () => setDeleting(name),
              testId: `dataflow-delete-${name}`,
            },
          ];
        }}
      />
      {deleting !== undefined ? (
        <DeleteDataflowDialog
          instance={instance}
          name={deleting}
          resourceVersion={deletingRow?.resource.metadata.resourceVersion}
          deployed={deletingRow?.runtime !== undefined}
          onClose={() => setDeleting(undefined)}
        />
      ) : null}
    </section>
  );
}

export default DataflowsPage;

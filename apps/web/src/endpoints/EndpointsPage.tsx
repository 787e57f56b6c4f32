import {
  Body1,
  Button,
  Caption1,
  SearchBox,
  Select,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title2,
  makeStyles,
} from '@fluentui/react-components';
import {
  AddRegular,
  DeleteRegular,
  EditRegular,
  MoreHorizontalRegular,
  OpenRegular,
} from '@fluentui/react-icons';
import { ENDPOINT_TYPES, type EndpointType } from '@flowplane/model';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ALL_ENDPOINTS, endpointKeys, endpointQueries } from '../api/endpoints.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';
import { DeleteDialog } from '../resources/DeleteDialog.tsx';
import {
  LoadingRows,
  RowMenu,
  formatDate,
  useListStyles,
  useSort,
  useUrlParams,
  type MenuTarget,
} from '../resources/list.tsx';
import { TYPE_ICONS } from './icons.tsx';
import { ENDPOINT_TYPE_LABELS, authLabel, endpointRow, usageText, type EndpointRow } from './summary.ts';

const COLUMNS = [
  { key: 'name', label: 'Name' },
  { key: 'type', label: 'Type' },
  { key: 'host', label: 'Host' },
  { key: 'authentication', label: 'Authentication' },
  { key: 'usedBy', label: 'Used by' },
  { key: 'changed', label: 'Last changed' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

function isEndpointType(value: string | null): value is EndpointType {
  return (ENDPOINT_TYPES as readonly (string | null)[]).includes(value);
}

function sortValue(row: EndpointRow, column: ColumnKey): string | number {
  switch (column) {
    case 'name':
      return row.name;
    case 'type':
      return `${ENDPOINT_TYPE_LABELS[row.type]} ${row.flavourLabel}`;
    case 'host':
      return row.host ?? '';
    case 'authentication':
      return row.authentication ? authLabel(row.authentication) : '';
    case 'usedBy':
      return row.usage ? row.usage.dataflows + row.usage.graphs : -1;
    case 'changed':
      return row.changed ?? '';
  }
}

const useStyles = makeStyles({
  host: { overflowWrap: 'anywhere' },
});

export function EndpointsPage() {
  const styles = { ...useListStyles(), ...useStyles() };
  const typeFilterId = useId();
  const instance = useParams().instance ?? 'default';
  const { params, update } = useUrlParams();
  const search = params.get('q') ?? '';
  const typeParam = params.get('type');
  const type = isEndpointType(typeParam) ? typeParam : undefined;
  const { column, direction, compare } = useSort(params, COLUMNS, sortValue);

  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<string | undefined>(undefined);
  const [actions, setActions] = useState<MenuTarget | undefined>(undefined);
  const list = useQuery(endpointQueries.list(instance, ALL_ENDPOINTS));
  const allRows = useMemo(() => list.data?.items.map(endpointRow) ?? [], [list.data]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return allRows
      .filter((row) => type === undefined || row.type === type)
      .filter(
        (row) =>
          needle === '' ||
          row.name.toLowerCase().includes(needle) ||
          (row.host ?? '').toLowerCase().includes(needle) ||
          row.flavourLabel.toLowerCase().includes(needle),
      )
      .sort(compare);
  }, [allRows, search, type, compare]);

  const filtered = search !== '' || type !== undefined;

  return (
    <section aria-labelledby="page-title">
      <div className={styles.header}>
        <Title2 as="h1" id="page-title">
          Endpoints
        </Title2>
        {list.data ? (
          <Caption1 className={styles.secondary}>
            {filtered ? `${rows.length} of ${allRows.length}` : `${allRows.length}`}
          </Caption1>
        ) : null}
        <Button
          className={styles.create}
          appearance="primary"
          icon={<AddRegular />}
          onClick={() => void navigate(instancePath(instance, 'endpoints', 'new'))}
          data-testid="new-endpoint"
        >
          New endpoint
        </Button>
      </div>
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.search}
          aria-label="Search endpoints"
          placeholder="Search by name, host or flavour"
          value={search}
          onChange={(_event, data) => update({ q: data.value })}
        />
        <div className={styles.filter}>
          <label htmlFor={typeFilterId}>Type</label>
          <Select
            id={typeFilterId}
            value={type ?? ''}
            onChange={(_event, data) => update({ type: data.value })}
          >
            <option value="">All types</option>
            {ENDPOINT_TYPES.map((t) => (
              <option key={t} value={t}>
                {ENDPOINT_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {list.isError ? <ProblemMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.nextCursor ? (
        <Body1 as="p">
          Showing the first {ALL_ENDPOINTS.limit} endpoints; search and filters apply to those only.
        </Body1>
      ) : null}
      {list.isError ? null : (
        <div className={styles.surface}>
          <Table className={styles.table} aria-label="Endpoints" sortable>
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
              <LoadingRows columns={COLUMNS.length + 1} label="Loading endpoints" />
            ) : (
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.name} data-testid={`endpoint-row-${row.name}`}>
                    <TableCell>
                      <Link to={instancePath(instance, 'endpoints', row.name)}>{row.name}</Link>
                    </TableCell>
                    <TableCell>
                      <TableCellLayout
                        media={TYPE_ICONS[row.type]}
                        description={row.flavourLabel}
                        appearance="primary"
                      >
                        {ENDPOINT_TYPE_LABELS[row.type]}
                      </TableCellLayout>
                    </TableCell>
                    <TableCell className={styles.host}>{row.host ?? '—'}</TableCell>
                    <TableCell>{row.authentication ? authLabel(row.authentication) : 'None'}</TableCell>
                    <TableCell>{usageText(row.usage)}</TableCell>
                    <TableCell>{formatDate(row.changed)}</TableCell>
                    <TableCell>
                      <Button
                        appearance="subtle"
                        icon={<MoreHorizontalRegular />}
                        aria-label={`Actions for ${row.name}`}
                        aria-haspopup="menu"
                        data-testid={`endpoint-actions-${row.name}`}
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
                  <Body1>No endpoint matches these filters.</Body1>
                  <Button onClick={() => update({ q: undefined, type: undefined })}>Clear filters</Button>
                </>
              ) : (
                <>
                  <Body1>
                    This instance has no endpoints yet. Every dataflow needs one at each end, starting with
                    the local MQTT broker.
                  </Body1>
                  <Body1>
                    <Link to={instancePath(instance, 'endpoints', 'new')}>Create an endpoint</Link> or import
                    manifests on the <Link to={instancePath(instance, 'import-export')}>Import / Export</Link>{' '}
                    page.
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
          const path = instancePath(instance, 'endpoints', name);
          return [
            { label: 'Open', icon: <OpenRegular />, onClick: () => void navigate(path) },
            { label: 'Edit', icon: <EditRegular />, onClick: () => void navigate(`${path}/edit`) },
            {
              label: 'Delete',
              icon: <DeleteRegular />,
              onClick: () => setDeleting(name),
              testId: `endpoint-delete-${name}`,
            },
          ];
        }}
      />
      {deleting !== undefined ? (
        <DeleteDialog
          instance={instance}
          kind="endpoints"
          noun="endpoint"
          usedBy={{ endpoint: deleting }}
          invalidate={endpointKeys.all(instance)}
          name={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => setDeleting(undefined)}
        />
      ) : null}
    </section>
  );
}

export default EndpointsPage;

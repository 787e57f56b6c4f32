import {
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  Skeleton,
  SkeletonItem,
  TableBody,
  TableCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, type ReactElement } from 'react';
import { useSearchParams } from 'react-router';

/** What the resource lists share: layout, the sortable table's surface, the hidden header of the actions. */
export const useListStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '12px' },
  header: { display: 'flex', alignItems: 'baseline', gap: '12px' },
  toolbar: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  search: { width: '280px' },
  filter: { display: 'flex', alignItems: 'center', gap: '8px' },
  surface: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowX: 'auto',
  },
  // Fluent's fixed layout gives every column the same width; names and hosts need room by content.
  table: { tableLayout: 'auto' },
  secondary: { color: tokens.colorNeutralForeground3 },
  create: { marginLeft: 'auto' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  empty: { padding: '32px 24px', display: 'flex', flexDirection: 'column', gap: '8px', alignItems: 'start' },
});

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(value: string | undefined): string {
  if (value === undefined) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/**
 * Search, filters and sort live in the URL, so a filtered, sorted list can be shared as a link. `update`
 * sets or (with '' or undefined) removes parameters, replacing the history entry.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | undefined>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };
  return { params, update };
}

/** Placeholder rows shaped like the table; only the first announces itself, once, to screen readers. */
export function LoadingRows({ columns, label }: { columns: number; label: string }) {
  return (
    <TableBody aria-busy="true">
      {[0, 1, 2, 3, 4].map((row) => (
        <TableRow key={row}>
          {Array.from({ length: columns }, (_, index) => (
            <TableCell key={index}>
              {row === 0 && index === 0 ? (
                <Skeleton aria-label={label}>
                  <SkeletonItem size={16} />
                </Skeleton>
              ) : (
                <Skeleton aria-hidden>
                  <SkeletonItem size={16} />
                </Skeleton>
              )}
            </TableCell>
          ))}
        </TableRow>
      ))}
    </TableBody>
  );
}

export interface MenuTarget {
  name: string;
  button: HTMLElement;
}

export interface RowAction {
  label: string;
  icon: ReactElement;
  onClick: () => void;
  testId?: string;
}

/**
 * One actions menu for a whole list, opened at the row's button: a Fluent Menu per row would cost a list
 * of 500 about as much again to render as the rows themselves. Focus goes back to the button on close.
 */
export function RowMenu({
  target,
  actions,
  onClose,
}: {
  target: MenuTarget | undefined;
  actions: (name: string) => readonly RowAction[];
  onClose: () => void;
}) {
  if (target === undefined) return null;
  return (
    <Menu
      open
      positioning={{ target: target.button }}
      onOpenChange={(_e, data) => {
        if (data.open) return;
        onClose();
        target.button.focus();
      }}
    >
      <MenuPopover>
        <MenuList aria-label={`Actions for ${target.name}`}>
          {actions(target.name).map((action) => (
            <MenuItem
              key={action.label}
              icon={action.icon}
              data-testid={action.testId}
              onClick={() => {
                onClose();
                action.onClick();
              }}
            >
              {action.label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export type Direction = 'ascending' | 'descending';

/**
 * The sort of a list as the URL states it (`sort`, `dir`), the first column when it names none, and the
 * comparator: numbers as numbers, text by locale, ties by name so the order never jumps.
 */
export function useSort<K extends string, R extends { name: string }>(
  params: URLSearchParams,
  columns: readonly { key: K }[],
  sortValue: (row: R, column: K) => string | number,
) {
  const wanted = params.get('sort');
  const column = columns.find((c) => c.key === wanted)?.key ?? columns[0]!.key;
  const direction: Direction = params.get('dir') === 'descending' ? 'descending' : 'ascending';
  const compare = useCallback(
    (a: R, b: R) => {
      const x = sortValue(a, column);
      const y = sortValue(b, column);
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return order === 0 ? a.name.localeCompare(b.name) : (direction === 'ascending' ? 1 : -1) * order;
    },
    [sortValue, column, direction],
  );
  return { column, direction, compare };
}

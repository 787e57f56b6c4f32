import {
  Body1,
  Button,
  Caption1,
  Skeleton,
  SkeletonItem,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { profileQueries } from '../api/profiles.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';
import { profileRow } from './summary.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '12px' },
  header: { display: 'flex', alignItems: 'baseline', gap: '12px' },
  create: { marginLeft: 'auto' },
  secondary: { color: tokens.colorNeutralForeground3 },
  surface: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  empty: { padding: '24px' },
});

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const COLUMNS = ['Name', 'Instances', 'Log level', 'Metrics port', 'Dataflows', 'Last changed'];

export function ProfilesPage() {
  const styles = useStyles();
  const navigate = useNavigate();
  const instance = useParams().instance ?? 'default';
  const list = useQuery(profileQueries.list(instance, { limit: 1000 }));
  const rows = useMemo(() => list.data?.items.map(profileRow) ?? [], [list.data]);

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <div className={styles.header}>
        <Title2 as="h1" id="page-title">
          Profiles
        </Title2>
        {list.data ? <Caption1 className={styles.secondary}>{rows.length}</Caption1> : null}
        <Button
          className={styles.create}
          appearance="primary"
          icon={<AddRegular />}
          onClick={() => void navigate(instancePath(instance, 'profiles', 'new'))}
          data-testid="new-profile"
        >
          New profile
        </Button>
      </div>
      <Body1>A profile scales and observes the dataflows it holds: each dataflow names one profile.</Body1>
      {list.isError ? (
        <ProblemMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <div className={styles.surface}>
          <Table aria-label="Profiles">
            <TableHeader>
              <TableRow>
                {COLUMNS.map((c) => (
                  <TableHeaderCell key={c}>{c}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody aria-busy={list.isPending}>
              {list.isPending
                ? [0, 1, 2].map((row) => (
                    <TableRow key={row}>
                      {COLUMNS.map((c, index) => (
                        <TableCell key={c}>
                          <Skeleton
                            aria-label={row === 0 && index === 0 ? 'Loading profiles' : undefined}
                            aria-hidden={row === 0 && index === 0 ? undefined : true}
                          >
                            <SkeletonItem size={16} />
                          </Skeleton>
                        </TableCell>
                      ))}
                    </TableRow>
                  ))
                : rows.map((row) => (
                    <TableRow key={row.name} data-testid={`profile-row-${row.name}`}>
                      <TableCell>
                        <Link to={instancePath(instance, 'profiles', row.name)}>{row.name}</Link>
                      </TableCell>
                      <TableCell>{row.instanceCount}</TableCell>
                      <TableCell>{row.logLevel}</TableCell>
                      <TableCell>{row.metricsPort}</TableCell>
                      <TableCell>{row.dataflows ?? '—'}</TableCell>
                      <TableCell>{row.changed ? dateFormat.format(new Date(row.changed)) : '—'}</TableCell>
                    </TableRow>
                  ))}
            </TableBody>
          </Table>
          {list.data && rows.length === 0 ? (
            <Body1 as="p" className={styles.empty} role="status">
              No profiles yet. Dataflows need one:{' '}
              <Link to={instancePath(instance, 'profiles', 'new')}>create the first profile</Link>.
            </Body1>
          ) : null}
        </div>
      )}
    </section>
  );
}

export default ProfilesPage;

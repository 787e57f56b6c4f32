import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import {
  ArrowImportRegular,
  FlowRegular,
  HomeRegular,
  PlugConnectedRegular,
  SettingsRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { instanceQueries } from '../api/instances.ts';
import { isApiProblem } from '../api/problem.ts';
import { InstanceSwitcher } from './InstanceSwitcher.tsx';
import { ThemeMenu } from './ThemeMenu.tsx';
import { SECTIONS, instancePath, locate, type SectionSegment } from './sections.ts';
import type { ThemeChoice } from './theme.ts';

const ICONS: Record<SectionSegment, ReactElement> = {
  '': <HomeRegular />,
  endpoints: <PlugConnectedRegular />,
  dataflows: <FlowRegular />,
  profiles: <SettingsRegular />,
  'import-export': <ArrowImportRegular />,
};

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateRows: '48px 1fr',
    gridTemplateColumns: '200px minmax(0, 1fr)',
    gridTemplateAreas: '"top top" "nav main"',
    minHeight: '100vh',
    minWidth: '1024px',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: '8px', top: '8px', zIndex: 10, backgroundColor: tokens.colorNeutralBackground1 },
  },
  top: {
    gridArea: 'top',
    display: 'flex',
    alignItems: 'center',
    gap: '24px',
    paddingInline: '16px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  product: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, marginRight: 'auto' },
  productLink: { color: 'inherit', textDecoration: 'none' },
  nav: {
    gridArea: 'nav',
    paddingBlock: '8px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  navList: { listStyle: 'none', margin: 0, padding: 0 },
  navLink: {
    display: 'flex',
    alignItems: 'center',
    gap: '10px',
    paddingBlock: '8px',
    paddingInline: '16px',
    color: tokens.colorNeutralForeground2,
    textDecoration: 'none',
    borderLeft: '3px solid transparent',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    '&[aria-current="page"]': {
      color: tokens.colorNeutralForeground1,
      fontWeight: tokens.fontWeightSemibold,
      borderLeftColor: tokens.colorBrandStroke1,
      backgroundColor: tokens.colorNeutralBackground1Selected,
    },
  },
  main: { gridArea: 'main', padding: '16px 24px', display: 'flex', flexDirection: 'column', gap: '12px' },
  crumbs: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', gap: '6px' },
  crumb: { color: tokens.colorNeutralForeground3, '& + &::before': { content: '"/"', marginRight: '6px' } },
  crumbLink: { color: tokens.colorBrandForegroundLink },
});

function Breadcrumbs() {
  const styles = useStyles();
  const location = locate(useLocation().pathname);
  if (location === undefined) return null;
  const { instance, section, name } = location;
  const crumbs: { label: string; to: string }[] = [{ label: instance, to: instancePath(instance) }];
  if (section.segment !== '')
    crumbs.push({ label: section.label, to: instancePath(instance, section.segment) });
  if (name !== undefined) crumbs.push({ label: name, to: instancePath(instance, section.segment, name) });
  return (
    <nav aria-label="Breadcrumb">
      <ol className={styles.crumbs}>
        {crumbs.map((crumb, index) => (
          <li key={crumb.to} className={styles.crumb}>
            {index === crumbs.length - 1 ? (
              <span aria-current="page">{crumb.label}</span>
            ) : (
              <Link className={styles.crumbLink} to={crumb.to}>
                {crumb.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export interface ShellProps {
  theme: { choice: ThemeChoice; dark: boolean; setChoice: (choice: ThemeChoice) => void };
}

/** The frame of every page inside an instance: top bar, left navigation, breadcrumbs and the page. */
export function Shell({ theme }: ShellProps) {
  const styles = useStyles();
  const instance = useParams().instance ?? 'default';
  // One message for an unknown instance, instead of every panel of the page failing on its own.
  const detail = useQuery(instanceQueries.detail(instance));
  const missing = isApiProblem(detail.error) && detail.error.status === 404;
  return (
    <div className={styles.root}>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <header className={styles.top}>
        <Text as="span" className={styles.product}>
          <Link className={styles.productLink} to={instancePath(instance)}>
            Flowplane
          </Link>
        </Text>
        <InstanceSwitcher current={instance} />
        <ThemeMenu choice={theme.choice} dark={theme.dark} onChange={theme.setChoice} />
      </header>
      <nav className={styles.nav} aria-label="Sections">
        <ul className={styles.navList}>
          {SECTIONS.map((section) => (
            <li key={section.segment}>
              <NavLink
                className={styles.navLink}
                to={instancePath(instance, section.segment)}
                end={section.segment === ''}
              >
                {ICONS[section.segment]}
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className={styles.main} tabIndex={-1}>
        <Breadcrumbs />
        {missing ? (
          <MessageBar intent="error" layout="multiline" role="alert" data-testid="instance-missing">
            <MessageBarBody>
              <MessageBarTitle>Instance {instance} does not exist</MessageBarTitle>
              Pick another instance above, create one with +, or go to{' '}
              <Link to={instancePath('default')}>the default instance</Link>.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <Outlet />
        )}
      </main>
    </div>
  );
}

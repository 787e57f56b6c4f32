import { Body1, Caption1, Subtitle2, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { FLAVOURS } from '@flowplane/model';
import { Link, useParams } from 'react-router';
import { instancePath } from '../shell/sections.ts';
import { TYPE_ICONS } from './icons.tsx';
import { ENDPOINT_TYPE_LABELS } from './summary.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '12px' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: '12px',
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    height: '100%',
    boxSizing: 'border-box',
    padding: '14px 16px',
    color: 'inherit',
    textDecoration: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    ':hover': { border: `1px solid ${tokens.colorBrandStroke1}`, boxShadow: tokens.shadow4 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  title: { display: 'flex', alignItems: 'center', gap: '8px', fontSize: '20px', margin: 0 },
  secondary: { color: tokens.colorNeutralForeground3 },
  role: { color: tokens.colorNeutralForeground2 },
});

/** The start of "create endpoint": one card per flavour, each opening its form prefilled from the model. */
export function FlavourGallery() {
  const styles = useStyles();
  const instance = useParams().instance ?? 'default';
  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <Title2 as="h1" id="page-title">
        New endpoint
      </Title2>
      <Body1 as="p">Choose what to connect. Each form starts from settings that work for that service.</Body1>
      <ul className={styles.grid}>
        {FLAVOURS.map((flavour) => (
          <li key={flavour.id}>
            <Link
              className={styles.card}
              to={`${instancePath(instance, 'endpoints', 'new')}/${flavour.id}`}
              data-testid={`flavour-${flavour.id}`}
            >
              <span className={styles.title}>
                {TYPE_ICONS[flavour.endpointType]}
                <Subtitle2 as="h2">{flavour.label}</Subtitle2>
              </span>
              <Caption1 className={styles.role}>
                {ENDPOINT_TYPE_LABELS[flavour.endpointType]} ·{' '}
                {flavour.canBeSource ? 'source or destination' : 'destination only'}
              </Caption1>
              <Body1 className={styles.secondary}>{flavour.description}</Body1>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

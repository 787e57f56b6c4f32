import { Body1, Title2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  card: {
    maxWidth: '640px',
    padding: '20px 24px',
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

/** A page that is not built yet says so, and what it will hold, instead of pretending. */
export function Placeholder({ title, coming }: { title: string; coming: string }) {
  const styles = useStyles();
  return (
    <section aria-labelledby="page-title">
      <Title2 as="h1" id="page-title">
        {title}
      </Title2>
      <div className={styles.card}>
        <Body1 as="p">Not built yet. {coming}</Body1>
      </div>
    </section>
  );
}

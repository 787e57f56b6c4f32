import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';

/** The builder's keyboard shortcuts as BuilderPage's key handler and the completion inputs implement them. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Ctrl+S', what: 'Save (as a draft while problems remain)' },
  { keys: 'Ctrl+Z', what: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', what: 'Redo' },
  {
    keys: 'Ctrl+C / Ctrl+V',
    what: 'Copy the selected stage / paste a copied stage, here or in another dataflow',
  },
  { keys: 'Delete', what: 'Remove the selected transformation' },
  { keys: 'Ctrl+K or /', what: 'Search the endpoints of the palette' },
  { keys: 'Ctrl+Space', what: 'Completions in a formula, a rule input or a topic' },
  { keys: '?', what: 'Show or hide these shortcuts' },
];

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: '16px',
    rowGap: '6px',
    margin: '8px 0 0',
  },
  keys: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, fontWeight: 600 },
  // dt/dd pairs grouped for the markup, laid out by the list's grid.
  pair: { display: 'contents' },
  what: { margin: 0 },
});

/** The shortcuts, listed (shown by the toolbar's Shortcuts button or `?`). */
export function ShortcutsPanel({ id }: { id: string }) {
  const styles = useStyles();
  return (
    <section id={id} aria-labelledby={`${id}-title`} data-testid="builder-shortcuts">
      <Subtitle2 as="h2" id={`${id}-title`}>
        Keyboard shortcuts
      </Subtitle2>
      <dl className={styles.list}>
        {SHORTCUTS.map((s) => (
          <div key={s.keys} className={styles.pair}>
            <dt className={styles.keys}>{s.keys}</dt>
            <dd className={styles.what}>{s.what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import { Caption1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useParams, useSearchParams } from 'react-router';
import { ExportPanel } from './ExportPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { Tabs, type TabItem } from '../shell/Tabs.tsx';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '1200px' },
  // Fluent's text components are inline; the subtitle goes under the heading.
  subtitle: { display: 'block', margin: '4px 0 0', color: tokens.colorNeutralForeground3 },
});

type TabValue = 'import' | 'export';

const TABS: TabItem<TabValue>[] = [
  { value: 'import', label: 'Import', id: 'transfer-tab-import', panel: 'transfer-panel-import' },
  { value: 'export', label: 'Export', id: 'transfer-tab-export', panel: 'transfer-panel-export' },
];

/** Import and export of manifests, one tab each; ?tab=export deep-links to the export. */
export function ImportExportPage() {
  const styles = useStyles();
  const instance = useParams().instance ?? 'default';
  const [params, setParams] = useSearchParams();
  const tab: TabValue = params.get('tab') === 'export' ? 'export' : 'import';

  const select = (value: TabValue) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === 'import') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );

  // Both panels stay mounted (one hidden) so switching tabs keeps the pasted text and the last export; a
  // key per instance starts them afresh when the instance changes.
  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <div>
        <Title2 as="h1" id="page-title">
          Import / Export
        </Title2>
        <Caption1 as="p" className={styles.subtitle}>
          Bring manifests into instance {instance}, or take its resources out as Kubernetes YAML, an ARM
          template or Bicep.
        </Caption1>
      </div>
      <Tabs label="Import or export" items={TABS} selected={tab} onSelect={select} />
      {TABS.map((item) => (
        <div
          key={item.value}
          role="tabpanel"
          id={item.panel}
          aria-labelledby={item.id}
          hidden={tab !== item.value}
        >
          {item.value === 'import' ? (
            <ImportPanel key={instance} instance={instance} />
          ) : (
            <ExportPanel key={instance} instance={instance} />
          )}
        </div>
      ))}
    </section>
  );
}

export default ImportExportPage;

import { Button, Caption1, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, CopyRegular } from '@fluentui/react-icons';
import { exportManifests, type ManifestFormat } from '@flowplane/manifests';
import type { Resource } from '@flowplane/model';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Tabs } from '../shell/Tabs.tsx';
import { useNotify } from '../shell/notify.tsx';
import { downloadText } from './download.ts';

const FORMATS: { id: ManifestFormat; label: string; extension: string; mime: string }[] = [
  { id: 'kubernetes', label: 'Kubernetes YAML', extension: 'yaml', mime: 'application/yaml' },
  { id: 'bicep', label: 'Bicep', extension: 'bicep', mime: 'text/plain' },
  { id: 'arm', label: 'ARM JSON', extension: 'json', mime: 'application/json' },
];

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: '8px 12px 12px',
    // Stays in view beside a long form.
    position: 'sticky',
    top: '8px',
  },
  bar: { display: 'flex', alignItems: 'center', gap: '4px' },
  spacer: { flexGrow: 1 },
  code: {
    margin: 0,
    padding: '8px',
    maxHeight: '70vh',
    overflow: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre',
  },
  note: { color: tokens.colorNeutralForeground3 },
});

/**
 * The resource as Kubernetes YAML, Bicep or ARM JSON, written by the same exporter as the API's export, and
 * live: it follows the form while the user types (deferred, so typing never waits for it).
 */
export function ManifestPanel({ resource }: { resource: Resource }) {
  const styles = useStyles();
  const notify = useNotify();
  const [format, setFormat] = useState<ManifestFormat>('kubernetes');
  const tabsId = useId();
  const deferred = useDeferredValue(resource);
  const output = useMemo(() => {
    try {
      return exportManifests([deferred], format);
    } catch (error) {
      // A half-typed resource can be too broken to translate; say so instead of going blank.
      return { text: '', issues: [{ message: error instanceof Error ? error.message : String(error) }] };
    }
  }, [deferred, format]);
  const chosen = FORMATS.find((f) => f.id === format) ?? FORMATS[0]!;
  const name = resource.metadata.name || 'resource';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(output.text);
      notify('success', `Copied as ${chosen.label}`);
    } catch {
      notify('error', 'Copy failed', 'The browser did not allow access to the clipboard.');
    }
  };

  return (
    <aside className={styles.panel} aria-label="Manifest" data-testid="manifest-panel">
      <div className={styles.bar}>
        <Tabs
          label="Manifest format"
          selected={format}
          onSelect={setFormat}
          items={FORMATS.map((f) => ({
            value: f.id,
            label: f.label,
            id: `${tabsId}-${f.id}`,
            panel: `${tabsId}-panel`,
            testId: `manifest-tab-${f.id}`,
          }))}
        />
        <span className={styles.spacer} />
        <Tooltip content="Copy" relationship="label">
          <Button
            appearance="subtle"
            icon={<CopyRegular />}
            onClick={() => void copy()}
            data-testid="manifest-copy"
          />
        </Tooltip>
        <Tooltip content="Download" relationship="label">
          <Button
            appearance="subtle"
            icon={<ArrowDownloadRegular />}
            data-testid="manifest-download"
            onClick={() => downloadText(output.text, `${name}.${chosen.extension}`, chosen.mime)}
          />
        </Tooltip>
      </div>
      {output.issues.map((issue, index) => (
        <Caption1 key={index} className={styles.note}>
          {issue.message}
        </Caption1>
      ))}
      <pre
        id={`${tabsId}-panel`}
        role="tabpanel"
        aria-labelledby={`${tabsId}-${format}`}
        className={styles.code}
        data-testid="manifest-text"
        tabIndex={0}
      >
        {output.text}
      </pre>
    </aside>
  );
}

export default ManifestPanel;

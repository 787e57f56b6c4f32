import { Button, Dropdown, Option, Tooltip, makeStyles } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useId, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { instanceQueries } from '../api/instances.ts';
import { instancePath, locate } from './sections.ts';

// The dialog carries the model's instance schema; it loads when first opened, not with the shell.
const CreateInstanceDialog = lazy(() => import('./CreateInstanceDialog.tsx'));

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: '8px' },
  dropdown: { minWidth: '200px' },
});

/** Switches instance while staying in the same section (a resource name would not exist in the other one). */
export function InstanceSwitcher({ current }: { current: string }) {
  const styles = useStyles();
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const instances = useQuery(instanceQueries.list({ limit: 1000 }));
  const names = instances.data?.items.map((i) => i.name) ?? [];
  const options = names.includes(current) ? names : [current, ...names];
  const [creating, setCreating] = useState(false);

  return (
    <div className={styles.root}>
      <label htmlFor={id}>Instance</label>
      <Dropdown
        id={id}
        className={styles.dropdown}
        appearance="filled-darker"
        value={current}
        selectedOptions={[current]}
        placeholder={instances.isPending ? 'Loading…' : undefined}
        onOptionSelect={(_event, data) => {
          if (data.optionValue === undefined || data.optionValue === current) return;
          const section = locate(location.pathname)?.section.segment ?? '';
          void navigate(instancePath(data.optionValue, section));
        }}
      >
        {options.map((name) => (
          <Option key={name} value={name}>
            {name}
          </Option>
        ))}
      </Dropdown>
      <Tooltip content="Create instance" relationship="label">
        <Button
          appearance="subtle"
          icon={<AddRegular />}
          onClick={() => setCreating(true)}
          data-testid="create-instance"
        />
      </Tooltip>
      {creating ? (
        <Suspense fallback={null}>
          <CreateInstanceDialog onClose={() => setCreating(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}

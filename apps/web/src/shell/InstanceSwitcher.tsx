import { Dropdown, Option, makeStyles } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { instanceQueries } from '../api/instances.ts';
import { instancePath, locate } from './sections.ts';

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
    </div>
  );
}

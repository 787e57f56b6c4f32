import { Field, Select, makeStyles } from '@fluentui/react-components';
import { AUTH_SETTINGS_KEY, isRecord, type AuthMethod } from '@flowplane/model';
import { authLabel } from '../endpoints/summary.ts';
import { useForm } from './form-state.tsx';
import { getAt } from './pointer.ts';
import { BlockIssues, SchemaFields, testIdOf, validationProps } from './SchemaFields.tsx';
import type { FieldSpec } from './schema.ts';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: '14px' } });

function isAuthMethod(value: unknown): value is AuthMethod {
  return typeof value === 'string' && Object.hasOwn(AUTH_SETTINGS_KEY, value);
}

/**
 * The authentication method offers only what the endpoint type allows (the schema's `method` enum) and
 * shows exactly the fields of the chosen method's settings block.
 */
export function AuthenticationField({ field }: { field: FieldSpec }) {
  const styles = useStyles();
  const form = useForm();
  const value = getAt(form.doc, field.path);
  const auth = isRecord(value) ? value : {};
  const properties = isRecord(field.schema.properties) ? field.schema.properties : {};
  const methodSchema = isRecord(properties.method) ? properties.method : {};
  const methods = (Array.isArray(methodSchema.enum) ? methodSchema.enum : []).filter(isAuthMethod);
  const method = isAuthMethod(auth.method) ? auth.method : undefined;
  const settingsKey = method && AUTH_SETTINGS_KEY[method];
  const settingsSchema = settingsKey ? properties[settingsKey] : undefined;
  const methodPath = [...field.path, 'method'];
  const issues = [...form.issuesAt(field.path), ...form.issuesAt(methodPath)];

  const choose = (next: string) => {
    if (!isAuthMethod(next)) return form.set(field.path, undefined);
    const key = AUTH_SETTINGS_KEY[next];
    // Switching method starts that method's block afresh; another method's block would be rejected.
    form.set(field.path, { method: next, [key]: key === settingsKey ? auth[key] : {} });
  };

  return (
    <div className={styles.stack}>
      <Field
        label="Authentication method"
        required={field.required}
        hint={field.help}
        {...validationProps(issues, methodPath)}
      >
        <Select
          data-testid={testIdOf(methodPath)}
          value={method ?? ''}
          onChange={(_e, data) => choose(data.value)}
        >
          {method === undefined ? <option value="">Choose a method</option> : null}
          {methods.map((m) => (
            <option key={m} value={m}>
              {authLabel(m)}
            </option>
          ))}
        </Select>
      </Field>
      {settingsKey && isRecord(settingsSchema) ? (
        <SettingsBlock path={[...field.path, settingsKey]} schema={settingsSchema} />
      ) : null}
    </div>
  );
}

function SettingsBlock({ path, schema }: { path: readonly string[]; schema: Record<string, unknown> }) {
  const form = useForm();
  const issues = form.issuesAt(path);
  return (
    <div data-testid={testIdOf(path)}>
      <BlockIssues issues={issues} path={path} />
      {/* The settings block itself stays when its fields are cleared: `{}` is how some methods are written. */}
      <SchemaFields schema={schema} path={path} keep={path.length} />
    </div>
  );
}

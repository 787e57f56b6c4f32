import {
  Button,
  Field,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
} from '@fluentui/react-components';
import { FUNCTION_NAMES } from '@flowplane/mapping';
import { isRecord } from '@flowplane/model';
import { useForm } from '../forms/form-state.tsx';
import { getAt } from '../forms/pointer.ts';
import { testIdOf, validationProps } from '../forms/SchemaFields.tsx';
import type { FieldSpec } from '../forms/schema.ts';
import { CompletionInput } from '../forms/CompletionInput.tsx';
import { expressionCompleter } from './completion.ts';

const useStyles = makeStyles({
  helpers: { display: 'flex', gap: '4px', flexWrap: 'wrap', marginTop: '4px' },
});

/**
 * A rule's formula, completed as it is typed (`$1`…`$n` with the inputs they stand for, the mapping
 * language's functions: the engine's own list), with the same one click away below it.
 */
export function ExpressionField({ field }: { field: FieldSpec }) {
  const styles = useStyles();
  const form = useForm();
  const value = getAt(form.doc, field.path);
  const text = typeof value === 'string' ? value : '';
  const rule = getAt(form.doc, field.path.slice(0, -1));
  const inputs =
    isRecord(rule) && Array.isArray(rule.inputs)
      ? rule.inputs.map((input) => (typeof input === 'string' ? input : ''))
      : [];
  const insert = (token: string) => form.set(field.path, `${text}${token}`);
  return (
    <div>
      <Field
        label={field.label}
        required={field.required}
        hint={field.help}
        {...validationProps(form.issuesAt(field.path), field.path)}
      >
        <CompletionInput
          testId={testIdOf(field.path)}
          value={text}
          placeholder={typeof field.example === 'string' ? `e.g. ${field.example}` : undefined}
          complete={expressionCompleter(inputs, FUNCTION_NAMES)}
          onValue={(next) => form.set(field.path, next === '' ? undefined : next)}
        />
      </Field>
      <div className={styles.helpers}>
        {inputs.map((input, i) => (
          <Button
            key={i}
            size="small"
            appearance="outline"
            title={input === '' ? undefined : `Input ${i + 1}: ${input}`}
            onClick={() => insert(`$${i + 1}`)}
          >
            ${i + 1}
          </Button>
        ))}
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button size="small" appearance="outline">
              Functions
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {FUNCTION_NAMES.map((name) => (
                <MenuItem key={name} onClick={() => insert(`${name}(`)}>
                  {name}
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      </div>
    </div>
  );
}

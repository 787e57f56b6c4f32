import {
  DataflowEndpointSpec,
  ENDPOINT_SETTINGS_KEY,
  decodePointer,
  type DataflowEndpoint,
  type Flavour,
} from '@flowplane/model';
import { endpointKeys } from '../api/endpoints.ts';
import { AuthenticationField } from '../forms/AuthenticationField.tsx';
import { SchemaFields, type Section } from '../forms/SchemaFields.tsx';
import { fieldsOf, type JsonSchema } from '../forms/schema.ts';
import { ResourceEditor } from '../resources/ResourceEditor.tsx';

const specProperties = (DataflowEndpointSpec as unknown as { properties: Record<string, JsonSchema> })
  .properties;

export interface EndpointEditorProps {
  instance: string;
  mode: 'create' | 'edit';
  initial: DataflowEndpoint;
  flavour: Flavour;
  embedded?: { onSaved: (endpoint: DataflowEndpoint) => void; onCancel: () => void };
}

/** The endpoint form: the settings block of the endpoint's type, as the model schema describes it. */
export function EndpointEditor({ instance, mode, initial, flavour, embedded }: EndpointEditorProps) {
  const settingsKey = ENDPOINT_SETTINGS_KEY[initial.spec.endpointType];
  const settingsSchema = specProperties[settingsKey] ?? {};
  const basicKeys = new Set(
    fieldsOf(settingsSchema)
      .filter((f) => f.basic)
      .map((f) => f.key),
  );
  // The tab of an issue is the tab of the settings field its path starts with.
  const sectionOf = (pointer: string): Section => {
    const [top, key, field] = decodePointer(pointer);
    return top === 'spec' && key === settingsKey && field !== undefined && !basicKeys.has(field)
      ? 'advanced'
      : 'basic';
  };
  return (
    <ResourceEditor
      instance={instance}
      kind="endpoints"
      noun="endpoint"
      mode={mode}
      initial={initial}
      title={mode === 'create' ? `New ${flavour.label} endpoint` : `Edit ${initial.metadata.name}`}
      description={flavour.description}
      invalidate={endpointKeys.all(instance)}
      sectionOf={sectionOf}
      {...(embedded ? { embedded } : {})}
      fields={(section) => (
        <SchemaFields
          schema={settingsSchema}
          path={['spec', settingsKey]}
          section={section}
          custom={(field) =>
            field.key === 'authentication' ? <AuthenticationField field={field} /> : undefined
          }
        />
      )}
    />
  );
}

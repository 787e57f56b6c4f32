import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Select,
} from '@fluentui/react-components';
import { API_VERSION, FLAVOURS, flavourById, type FlavourId } from '@flowplane/model';
import { useState } from 'react';
import { EndpointEditor } from '../endpoints/EndpointEditor.tsx';

/** "Create endpoint" without leaving the builder: the same form as the endpoint pages, in a dialog. */
export function NewEndpointDialog({
  instance,
  onClose,
  onCreated,
}: {
  instance: string;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const [flavourId, setFlavourId] = useState<FlavourId>('custom-mqtt');
  const flavour = flavourById(flavourId);
  return (
    <Dialog open onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface data-testid="builder-new-endpoint" style={{ maxWidth: '720px', width: '90vw' }}>
        <DialogBody>
          <DialogTitle>Create endpoint</DialogTitle>
          <DialogContent>
            <Field label="Kind of endpoint">
              <Select
                value={flavourId}
                data-testid="builder-new-endpoint-flavour"
                onChange={(_e, data) => setFlavourId(data.value as FlavourId)}
              >
                {FLAVOURS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </Select>
            </Field>
            <EndpointEditor
              key={flavourId}
              instance={instance}
              mode="create"
              flavour={flavour}
              initial={{
                apiVersion: API_VERSION,
                kind: 'DataflowEndpoint',
                metadata: { name: '' },
                spec: flavour.template(),
              }}
              embedded={{ onSaved: (endpoint) => onCreated(endpoint.metadata.name), onCancel: onClose }}
            />
          </DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

import { Type, type Static } from 'typebox';
import { ResourceName } from './common.ts';

/** What a user gives to create an Azure IoT Operations instance (the API's body, the portal's dialog). */
export const InstanceInput = Type.Object(
  {
    name: ResourceName('Name of the instance.'),
    namespace: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        maxLength: 63,
        default: 'azure-iot-operations',
        description: 'Kubernetes namespace of the Azure IoT Operations instance.',
        examples: ['azure-iot-operations'],
      }),
    ),
    description: Type.Optional(
      Type.String({ maxLength: 1024, description: 'Free text.', examples: ['Plant 3 line A'] }),
    ),
  },
  { additionalProperties: false, description: 'An Azure IoT Operations instance.' },
);
export type InstanceInput = Static<typeof InstanceInput>;

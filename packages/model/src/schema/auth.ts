import { Type, type TEnum, type TObject, type TOptional, type TProperties } from 'typebox';
import { Ref, StringEnum } from './common.ts';

/** Every authentication method of every endpoint type, with the settings block it needs. */
export const AUTH_METHODS = [
  'SystemAssignedManagedIdentity',
  'UserAssignedManagedIdentity',
  'ServiceAccountToken',
  'X509Certificate',
  'Sasl',
  'AccessToken',
  'Anonymous',
] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** The settings block that belongs to each method (key under `authentication`). */
export const AUTH_SETTINGS_KEY = {
  SystemAssignedManagedIdentity: 'systemAssignedManagedIdentitySettings',
  UserAssignedManagedIdentity: 'userAssignedManagedIdentitySettings',
  ServiceAccountToken: 'serviceAccountTokenSettings',
  X509Certificate: 'x509CertificateSettings',
  Sasl: 'saslSettings',
  AccessToken: 'accessTokenSettings',
  Anonymous: 'anonymousSettings',
} as const satisfies Record<AuthMethod, string>;
export type AuthSettingsKey = (typeof AUTH_SETTINGS_KEY)[AuthMethod];

export const SASL_TYPES = ['Plain', 'ScramSha256', 'ScramSha512'] as const;

const settingsSchemas = {
  systemAssignedManagedIdentitySettings: Type.Object(
    {
      audience: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'Audience of the token; defaults to one derived from the service host.',
          examples: ['https://eventgrid.azure.net'],
        }),
      ),
    },
    {
      additionalProperties: false,
      description: "The Azure IoT Operations extension's system-assigned identity.",
    },
  ),
  userAssignedManagedIdentitySettings: Type.Object(
    {
      clientId: Type.String({
        minLength: 1,
        description: 'Client id of the user-assigned managed identity.',
        examples: ['fb90f267-8872-431a-a76a-a1cec5d3c4d2'],
      }),
      tenantId: Type.String({
        minLength: 1,
        description: 'Tenant id of the identity.',
        examples: ['ed060aa2-71ff-4d3f-99c4-a9138356fdec'],
      }),
      scope: Type.Optional(
        Type.String({
          minLength: 1,
          description: "Resource's application id URI followed by /.default.",
          examples: ['https://eventgrid.azure.net/.default'],
        }),
      ),
    },
    { additionalProperties: false, description: 'A user-assigned managed identity.' },
  ),
  serviceAccountTokenSettings: Type.Object(
    {
      audience: Type.String({
        minLength: 1,
        description:
          'Audience of the Kubernetes service account token; the local broker expects aio-internal.',
        examples: ['aio-internal'],
      }),
    },
    { additionalProperties: false, description: 'A Kubernetes service account token.' },
  ),
  x509CertificateSettings: Type.Object(
    {
      secretRef: Ref(
        'Secret with client_cert.pem, client_key.pem and optionally client_intermediate_certs.pem (keys not password-protected).',
        'x509-client-cert',
        'Synced secret name',
      ),
    },
    { additionalProperties: false, description: 'An X.509 client certificate.' },
  ),
  saslSettings: Type.Object(
    {
      saslType: StringEnum(SASL_TYPES, {
        title: 'SASL type',
        description: 'SASL mechanism.',
        examples: ['Plain'],
      }),
      secretRef: Ref(
        'Secret with the SASL credentials (for Event Hubs: username $ConnectionString, password the connection string).',
        'sasl-secret',
        'Synced secret name',
      ),
    },
    { additionalProperties: false, description: 'SASL authentication (Kafka).' },
  ),
  accessTokenSettings: Type.Object(
    {
      secretRef: Ref(
        'Secret whose key accessToken holds a SAS token (without the leading ?).',
        'sas-token',
        'Synced secret name',
      ),
    },
    { additionalProperties: false, description: 'A shared access signature token.' },
  ),
  anonymousSettings: Type.Object(
    {},
    { additionalProperties: false, description: 'No authentication; always an empty object.' },
  ),
} as const;

type SettingsSchemas = typeof settingsSchemas;
type AuthProperties<M extends AuthMethod, X extends AuthSettingsKey> = { method: TEnum<M[]> } & {
  [K in (typeof AUTH_SETTINGS_KEY)[M] | X]: TOptional<SettingsSchemas[K]>;
};

/**
 * The authentication object of one endpoint type: `method` limited to what the type allows, and only
 * the settings blocks of those methods. Which block must be present is a resource rule (rules/auth.ts).
 */
export function Authentication<M extends AuthMethod, X extends AuthSettingsKey = never>(
  methods: readonly M[],
  description: string,
  extraKeys: readonly X[] = [],
): TObject<AuthProperties<M, X>> {
  const properties: TProperties = {
    method: StringEnum(methods, { description: 'Authentication method.', examples: [methods[0]!] }),
  };
  for (const key of [...methods.map((m) => AUTH_SETTINGS_KEY[m]), ...extraKeys]) {
    properties[key] = Type.Optional(settingsSchemas[key]);
  }
  // The loop above builds exactly AuthProperties<M, X>; TypeScript cannot follow the mapped keys.
  return Type.Object(properties, { additionalProperties: false, description }) as unknown as TObject<
    AuthProperties<M, X>
  >;
}

import {
  API_VERSION,
  AUTH_SETTINGS_KEY,
  ENDPOINT_SETTINGS_KEY,
  ENDPOINT_TYPES,
  LEGACY_API_VERSION,
  SASL_TYPES,
  issue,
  pointer,
  type EndpointType,
  type Issue,
  type ResourceKind,
} from '@flowplane/model';
import { isRecord, removeKey, renameKey, setOwn, type JsonObject } from './json.ts';
import { mapSegments, type PathMapping } from './source-map.ts';
import {
  isClosedObject,
  itemSchema,
  matchEnum,
  propertySchema,
  resourceSchema,
  type JsonSchema,
} from './schema-walk.ts';

/** What translating a v1beta1 document changed: one warning per field, and where moved fields came from. */
export interface LegacyTranslation {
  issues: Issue[];
  mappings: PathMapping[];
}

interface Translator extends LegacyTranslation {
  schema: JsonSchema;
}

type Path = readonly string[];

const SETTINGS_KEYS: readonly string[] = Object.values(ENDPOINT_SETTINGS_KEY);
/** Names the 2024 documentation used for the Secret of a credential; v1 calls it `secretRef` everywhere. */
const SECRET_NAME_ALIASES = [
  'certificateSecretName',
  'tokenSecretName',
  'secretName',
  'accessTokenSecretRef',
];

/**
 * Translates a `connectivity.iotoperations.azure.com/v1beta1` resource to v1, in place. Both preview
 * shapes of 2024 are read: the August one (camelCase enum values, `authentication` at the spec level,
 * `x509Credentials`, `...SecretName`) and the September one (v1 names except `datalakeStorageSettings`).
 * Fields v1 cannot express are dropped; each change is one `manifest.legacy.translated` warning.
 * Enum spelling is left to the normal import normalization.
 */
export function translateV1beta1InPlace(doc: JsonObject, kind: ResourceKind): LegacyTranslation {
  const t: Translator = { issues: [], mappings: [], schema: resourceSchema(kind) };
  doc.apiVersion = API_VERSION;
  note(
    t,
    ['apiVersion'],
    `${LEGACY_API_VERSION} is the preview-era format; the document was translated to ${API_VERSION}.`,
  );
  const spec = doc.spec;
  if (kind === 'DataflowEndpoint' && isRecord(spec)) translateEndpointSpec(spec, t);
  dropFieldsWithoutV1Equivalent(t.schema, doc, [], t);
  return { issues: t.issues, mappings: t.mappings };
}

function note(t: Translator, at: Path, message: string): void {
  t.issues.push(issue('manifest.legacy.translated', pointer(...at), message));
}

/** Renames a key and remembers where the renamed field was written. */
function rename(
  t: Translator,
  obj: JsonObject,
  at: Path,
  from: string,
  to: string,
  message: string,
): boolean {
  if (!renameKey(obj, from, to)) return false;
  t.mappings.push({ from: [...at, to], to: [...mapSegments(t.mappings, at), from] });
  note(t, [...at, to], message);
  return true;
}

function schemaAt(t: Translator, at: Path): JsonSchema | undefined {
  let schema: JsonSchema | undefined = t.schema;
  for (const segment of at) schema = schema && (propertySchema(schema, segment) ?? itemSchema(schema));
  return schema;
}

function translateEndpointSpec(spec: JsonObject, t: Translator): void {
  for (const key of Object.keys(spec)) {
    const v1 = SETTINGS_KEYS.find((k) => k !== key && k.toLowerCase() === key.toLowerCase());
    if (v1) rename(t, spec, ['spec'], key, v1, `"${key}" is spelled ${v1} in v1.`);
  }
  const type = matchEnum(ENDPOINT_TYPES, spec.endpointType);
  moveAuthentication(spec, type, type ? ENDPOINT_SETTINGS_KEY[type] : onlySettingsBlock(spec), t);
  for (const key of SETTINGS_KEYS) {
    const block = spec[key];
    if (isRecord(block)) translateSettings(key, block, ['spec', key], t);
  }
}

function onlySettingsBlock(spec: JsonObject): string | undefined {
  const present = SETTINGS_KEYS.filter((key) => Object.hasOwn(spec, key));
  return present.length === 1 ? present[0] : undefined;
}

/** The August 2024 preview put `authentication` next to the settings blocks; v1 has it inside them. */
function moveAuthentication(
  spec: JsonObject,
  type: EndpointType | undefined,
  settingsKey: string | undefined,
  t: Translator,
) {
  if (!Object.hasOwn(spec, 'authentication')) return;
  const auth = spec.authentication;
  delete spec.authentication;
  const at = ['spec', 'authentication'];
  if (type === 'LocalStorage') {
    return note(t, at, 'Local storage endpoints take no authentication in v1; dropped.');
  }
  if (!settingsKey) {
    return note(
      t,
      at,
      'v1 keeps authentication in the settings block of the endpoint type, which is not known here; dropped.',
    );
  }
  if (spec[settingsKey] === undefined || spec[settingsKey] === null) setOwn(spec, settingsKey, {});
  const block = spec[settingsKey];
  if (!isRecord(block)) {
    return note(t, at, `${settingsKey} is not an object, so authentication cannot move into it; dropped.`);
  }
  if (Object.hasOwn(block, 'authentication')) {
    return note(t, at, `${settingsKey} has its own authentication; the one at the spec level is dropped.`);
  }
  setOwn(block, 'authentication', auth);
  t.mappings.push({ from: ['spec', settingsKey, 'authentication'], to: at });
  note(
    t,
    ['spec', settingsKey, 'authentication'],
    `authentication moved from /spec/authentication into ${settingsKey}, where v1 has it.`,
  );
}

function translateSettings(key: string, block: JsonObject, at: Path, t: Translator): void {
  if (isRecord(block.authentication)) {
    translateAuthentication(block.authentication, [...at, 'authentication'], t);
  }
  if (Object.hasOwn(block, 'tls')) translateTls(block, at, t);
  if (key === 'mqttSettings') translateMqtt(block, at, t);
  if (isRecord(block.batching)) translateBatching(block.batching, [...at, 'batching'], t);
  if (key === 'localStorageSettings') {
    rename(
      t,
      block,
      at,
      'persistentVolumeClaimName',
      'persistentVolumeClaimRef',
      '"persistentVolumeClaimName" is persistentVolumeClaimRef in v1.',
    );
  }
}

function translateAuthentication(auth: JsonObject, at: Path, t: Translator): void {
  if (typeof auth.method === 'string' && auth.method.toLowerCase() === 'x509credentials') {
    note(t, [...at, 'method'], `method "${auth.method}" is X509Certificate in v1.`);
    auth.method = 'X509Certificate';
  }
  rename(
    t,
    auth,
    at,
    'x509CredentialsSettings',
    AUTH_SETTINGS_KEY.X509Certificate,
    '"x509CredentialsSettings" is x509CertificateSettings in v1.',
  );
  if (Object.hasOwn(auth, 'accessTokenSecretRef')) {
    const secret = auth.accessTokenSecretRef;
    delete auth.accessTokenSecretRef;
    if (auth.accessTokenSettings === undefined) {
      auth.accessTokenSettings = { secretRef: secret };
      t.mappings.push({
        from: [...at, 'accessTokenSettings', 'secretRef'],
        to: [...mapSegments(t.mappings, at), 'accessTokenSecretRef'],
      });
      note(
        t,
        [...at, 'accessTokenSettings', 'secretRef'],
        '"accessTokenSecretRef" is accessTokenSettings.secretRef in v1.',
      );
    } else {
      note(
        t,
        [...at, 'accessTokenSecretRef'],
        'accessTokenSettings is already set; "accessTokenSecretRef" is dropped.',
      );
    }
  }
  for (const key of Object.values(AUTH_SETTINGS_KEY)) {
    const block = auth[key];
    if (!isRecord(block)) continue;
    const blockAt = [...at, key];
    const blockSchema = schemaAt(t, blockAt);
    if (blockSchema && propertySchema(blockSchema, 'secretRef')) {
      for (const alias of SECRET_NAME_ALIASES) {
        rename(t, block, blockAt, alias, 'secretRef', `"${alias}" is secretRef in v1.`);
      }
    }
    if (key === 'userAssignedManagedIdentitySettings') translateUserAssignedAudience(block, blockAt, t);
    if (key === 'saslSettings') translateSaslType(block, blockAt, t);
  }
}

/** v1beta1 named the token audience; v1 asks for the scope, which is the audience plus `/.default`. */
function translateUserAssignedAudience(block: JsonObject, at: Path, t: Translator): void {
  if (!Object.hasOwn(block, 'audience')) return;
  const audience = block.audience;
  delete block.audience;
  if (typeof audience !== 'string' || block.scope !== undefined) {
    return note(
      t,
      [...at, 'audience'],
      'v1 has no audience for user-assigned identities (it takes a scope); dropped.',
    );
  }
  block.scope = audience.endsWith('/.default') ? audience : `${audience.replace(/\/+$/, '')}/.default`;
  t.mappings.push({ from: [...at, 'scope'], to: [...mapSegments(t.mappings, at), 'audience'] });
  note(t, [...at, 'scope'], `audience "${audience}" is scope "${String(block.scope)}" in v1.`);
}

/** Kafka clients spell SASL mechanisms SCRAM-SHA-256 or SCRAM_SHA_256; v1 writes ScramSha256. */
function translateSaslType(block: JsonObject, at: Path, t: Translator): void {
  const value = block.saslType;
  if (typeof value !== 'string' || matchEnum(SASL_TYPES, value)) return;
  const squashed = value.replace(/[-_\s]/g, '').toLowerCase();
  const match = SASL_TYPES.find((s) => s.toLowerCase() === squashed);
  if (!match) return;
  block.saslType = match;
  note(t, [...at, 'saslType'], `saslType "${value}" is ${match} in v1.`);
}

function toMode(value: unknown): 'Enabled' | 'Disabled' | undefined {
  if (value === true || (typeof value === 'string' && /^(enabled|true)$/i.test(value))) return 'Enabled';
  if (value === false || (typeof value === 'string' && /^(disabled|false)$/i.test(value))) return 'Disabled';
  return undefined;
}

function translateTls(block: JsonObject, at: Path, t: Translator): void {
  const tlsAt = [...at, 'tls'];
  const tls = block.tls;
  const mode = toMode(tls);
  if (mode) {
    block.tls = { mode };
    return note(t, tlsAt, `tls: ${String(tls)} is tls: {mode: ${mode}} in v1.`);
  }
  if (!isRecord(tls)) return;
  rename(
    t,
    tls,
    tlsAt,
    'trustedCaCertificateConfigMap',
    'trustedCaCertificateConfigMapRef',
    '"trustedCaCertificateConfigMap" is trustedCaCertificateConfigMapRef in v1.',
  );
  if (Object.hasOwn(tls, 'tlsEnabled')) {
    const enabled = toMode(tls.tlsEnabled);
    if (enabled && tls.mode === undefined) {
      rename(t, tls, tlsAt, 'tlsEnabled', 'mode', `"tlsEnabled" is mode (${enabled}) in v1.`);
      tls.mode = enabled;
    } else {
      delete tls.tlsEnabled;
      note(t, [...tlsAt, 'tlsEnabled'], '"tlsEnabled" has no v1 equivalent beside mode; dropped.');
    }
  }
}

function translateMqtt(block: JsonObject, at: Path, t: Translator): void {
  if (Object.hasOwn(block, 'sharedSubscription')) {
    delete block.sharedSubscription;
    note(
      t,
      [...at, 'sharedSubscription'],
      "v1 has no sharedSubscription: a dataflow profile's instanceCount replaces it (instances above 1 share the MQTT subscription); dropped.",
    );
  }
  if (Object.hasOwn(block, 'mqttVersion')) {
    delete block.mqttVersion;
    note(t, [...at, 'mqttVersion'], 'v1 has no mqttVersion: dataflows always speak MQTT v5; dropped.');
  }
  if (Object.hasOwn(block, 'keepRetain')) {
    const keep = toMode(block.keepRetain);
    if (keep && block.retain === undefined) {
      const retain = keep === 'Enabled' ? 'Keep' : 'Never';
      rename(
        t,
        block,
        at,
        'keepRetain',
        'retain',
        `keepRetain: ${String(block.keepRetain)} is retain: ${retain} in v1.`,
      );
      block.retain = retain;
    } else {
      delete block.keepRetain;
      note(t, [...at, 'keepRetain'], 'keepRetain has no v1 equivalent beside retain; dropped.');
    }
  }
}

/**
 * Batching as the schema of the block defines it: `enabled: true` becomes `mode` where batching has a
 * mode (Kafka), `latencyMs` becomes `latencySeconds` where latency is counted in seconds (storage, OTLP).
 */
function translateBatching(batching: JsonObject, at: Path, t: Translator): void {
  const schema = schemaAt(t, at);
  if (!schema) return;
  if (Object.hasOwn(batching, 'enabled') && propertySchema(schema, 'mode')) {
    const mode = toMode(batching.enabled);
    if (mode && batching.mode === undefined) {
      rename(
        t,
        batching,
        at,
        'enabled',
        'mode',
        `batching enabled: ${String(batching.enabled)} is mode: ${mode} in v1.`,
      );
      batching.mode = mode;
    } else {
      delete batching.enabled;
      note(t, [...at, 'enabled'], 'batching "enabled" has no v1 equivalent beside mode; dropped.');
    }
  }
  const ms = batching.latencyMs;
  if (
    typeof ms === 'number' &&
    batching.latencySeconds === undefined &&
    propertySchema(schema, 'latencySeconds')
  ) {
    const seconds = Math.ceil(ms / 1000);
    rename(
      t,
      batching,
      at,
      'latencyMs',
      'latencySeconds',
      `latencyMs: ${ms} is latencySeconds: ${seconds} in v1 (rounded up).`,
    );
    batching.latencySeconds = seconds;
  }
}

/** Whatever a closed v1 object does not define had no v1 equivalent: dropped, one warning each. */
function dropFieldsWithoutV1Equivalent(schema: JsonSchema, value: unknown, at: Path, t: Translator): void {
  if (Array.isArray(value)) {
    const items = itemSchema(schema);
    if (items) value.forEach((v, i) => dropFieldsWithoutV1Equivalent(items, v, [...at, String(i)], t));
    return;
  }
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    const sub = propertySchema(schema, key);
    if (sub) {
      dropFieldsWithoutV1Equivalent(sub, value[key], [...at, key], t);
    } else if (isClosedObject(schema)) {
      removeKey(value, key);
      note(t, [...at, key], `"${key}" has no v1 equivalent; dropped.`);
    }
  }
}

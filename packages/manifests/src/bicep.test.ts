import { describe, expect, it } from 'vitest';
import { toBicep } from './index.ts';
import { bicepString, bicepValue } from './bicep.ts';
import { readBicep } from './test-support/bicep-reader.ts';
import { dataflow, kafkaEndpoint, otelEndpoint, profile } from './test-support/resources.ts';

describe('toBicep', () => {
  const { text, issues } = toBicep([kafkaEndpoint, profile, dataflow]);
  const file = readBicep(text);
  const bySymbol = (symbol: string) => file.resources.find((r) => r.symbol === symbol)!;

  it('declares the instance and the custom location as parameters and existing resources', () => {
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(file.params).toEqual(['instanceName', 'customLocationName']);
    expect(text).toContain(
      "resource instance 'Microsoft.IoTOperations/instances@2026-10-01' existing = {\n  name: instanceName\n}",
    );
    expect(text).toContain(
      "resource customLocation 'Microsoft.ExtendedLocation/customLocations@2021-08-31-preview' existing = {\n  name: customLocationName\n}",
    );
  });

  it('declares one resource per exported resource, with its parent, api version and extendedLocation', () => {
    expect(
      file.resources.map(({ symbol, type, apiVersion, existing }) => ({
        symbol,
        type,
        apiVersion,
        existing,
      })),
    ).toEqual([
      {
        symbol: 'instance',
        type: 'Microsoft.IoTOperations/instances',
        apiVersion: '2026-10-01',
        existing: true,
      },
      {
        symbol: 'customLocation',
        type: 'Microsoft.ExtendedLocation/customLocations',
        apiVersion: '2021-08-31-preview',
        existing: true,
      },
      {
        symbol: 'endpointEventHub',
        type: 'Microsoft.IoTOperations/instances/dataflowEndpoints',
        apiVersion: '2026-10-01',
        existing: false,
      },
      {
        symbol: 'profileFast',
        type: 'Microsoft.IoTOperations/instances/dataflowProfiles',
        apiVersion: '2026-10-01',
        existing: false,
      },
      {
        symbol: 'dataflowToHub',
        type: 'Microsoft.IoTOperations/instances/dataflowProfiles/dataflows',
        apiVersion: '2026-10-01',
        existing: false,
      },
    ]);
    expect(bySymbol('endpointEventHub').body).toMatchObject({
      parent: { $ref: 'instance' },
      name: 'event-hub',
      extendedLocation: { name: { $ref: 'customLocation.id' }, type: 'CustomLocation' },
    });
    expect(bySymbol('profileFast').body).toMatchObject({ parent: { $ref: 'instance' }, name: 'fast' });
    expect(bySymbol('dataflowToHub').body).toMatchObject({
      parent: { $ref: 'profileFast' },
      name: 'to-hub',
      dependsOn: [{ $ref: 'endpointEventHub' }],
    });
  });

  it('writes properties that read back to the spec (less profileRef and the Kafka anonymousSettings)', () => {
    expect(bySymbol('endpointEventHub').body.properties).toEqual({
      endpointType: 'Kafka',
      kafkaSettings: {
        host: 'example.servicebus.windows.net:9093',
        authentication: { method: 'Anonymous' },
        consumerGroupId: 'dataflows',
        tls: { mode: 'Enabled' },
      },
    });
    const { profileRef: _, ...properties } = dataflow.spec;
    expect(bySymbol('dataflowToHub').body.properties).toEqual(properties);
  });

  it('escapes quotes, backslashes, interpolation and line breaks', () => {
    expect(text).toContain("description: '[draft] it\\'s \\${inputTopic}\\nline 2 \\\\ end]'");
  });

  it('declares the profile of a dataflow as existing when it is not exported', () => {
    const { text } = toBicep([dataflow]);
    expect(text).toContain(
      "resource profileFast 'Microsoft.IoTOperations/instances/dataflowProfiles@2026-10-01' existing = {\n  parent: instance\n  name: 'fast'\n}",
    );
    expect(readBicep(text).resources.find((r) => r.symbol === 'dataflowToHub')!.body).not.toHaveProperty(
      'dependsOn',
    );
  });

  it('uses the requested API version everywhere but the custom location', () => {
    const { text } = toBicep([profile], { apiVersion: '2025-10-01' });
    expect(text.match(/@\d{4}-\d{2}-\d{2}[^']*/g)).toEqual([
      '@2025-10-01',
      '@2021-08-31-preview',
      '@2025-10-01',
    ]);
  });

  it('leaves out, with an error, what the API version cannot express', () => {
    const { text, issues } = toBicep([otelEndpoint, profile], { apiVersion: '2025-04-01' });
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'apiVersion.feature.unsupported',
        path: '/spec/endpointType',
        document: 0,
      }),
    ]);
    expect(readBicep(text).resources.map((r) => r.symbol)).toEqual([
      'instance',
      'customLocation',
      'profileFast',
    ]);
  });

  it('gives duplicate and awkward names their own symbols', () => {
    const { text } = toBicep([profile, profile, { ...profile, metadata: { name: '9-lives' } }]);
    expect(
      readBicep(text)
        .resources.map((r) => r.symbol)
        .slice(2),
    ).toEqual(['profileFast', 'profileFast2', 'profile9Lives']);
  });
});

describe('Bicep literals', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['${x} and $y', "'\\${x} and $y'"],
    ['a\nb\r\tc', "'a\\nb\\r\\tc'"],
    ['bell\u0007', "'bell\\u{7}'"],
    ['💡 日本', "'💡 日本'"],
  ])('%j is written %s', (value, expected) => {
    expect(bicepString(value)).toBe(expected);
  });

  it('writes objects with identifier keys bare and others quoted, integers, json() for other numbers', () => {
    expect(bicepValue({ a: 1, 'b-c': -2, $d: 1.5, e: [], f: {}, g: [true, null] })).toBe(
      "{\n  a: 1\n  'b-c': -2\n  '$d': json('1.5')\n  e: []\n  f: {}\n  g: [\n    true\n    null\n  ]\n}",
    );
  });
});

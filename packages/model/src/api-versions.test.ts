import { describe, expect, it } from 'vitest';
import { ARM_API_VERSIONS, DEFAULT_ARM_API_VERSION, apiVersionIssues, supports } from './api-versions.ts';
import { flavourById } from './flavours.ts';
import { endpoint } from './test-support/builders.ts';
import type { DataflowEndpoint } from './schema/endpoint.ts';

const ep = (spec: unknown) => endpoint('x-ep', spec) as DataflowEndpoint;

describe('API version gating', () => {
  it('defaults to the newest stable version', () => {
    expect(DEFAULT_ARM_API_VERSION).toBe('2026-10-01');
    expect(ARM_API_VERSIONS.at(-1)).toBe('2026-11-01-preview');
  });

  it('OpenTelemetry needs 2025-07-01-preview', () => {
    const otel = ep(flavourById('opentelemetry').template());
    expect(apiVersionIssues(otel, '2025-04-01').map((i) => [i.code, i.path])).toEqual([
      ['apiVersion.feature.unsupported', '/spec/endpointType'],
    ]);
    expect(apiVersionIssues(otel, '2025-07-01-preview')).toEqual([]);
  });

  it('hostType needs 2025-07-01-preview', () => {
    const grid = ep(flavourById('event-grid').template());
    expect(apiVersionIssues(grid, '2024-11-01').map((i) => i.path)).toEqual(['/spec/hostType']);
    expect(apiVersionIssues(grid, '2025-10-01')).toEqual([]);
  });

  it('US Government storage hosts need 2026-10-01', () => {
    const lake = ep({
      endpointType: 'DataLakeStorage',
      dataLakeStorageSettings: {
        host: 'https://a1b.blob.core.usgovcloudapi.net',
        authentication: { method: 'SystemAssignedManagedIdentity' },
      },
    });
    expect(apiVersionIssues(lake, '2026-07-01').map((i) => i.path)).toEqual([
      '/spec/dataLakeStorageSettings/host',
    ]);
    expect(apiVersionIssues(lake, '2026-10-01')).toEqual([]);
    expect(supports('2026-11-01-preview', 'usGovernmentHosts')).toBe(true);
  });
});

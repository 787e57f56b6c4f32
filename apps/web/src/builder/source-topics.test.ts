import { API_VERSION, flavourById, type DataflowEndpoint, type FlavourId } from '@flowplane/model';
import { describe, expect, it } from 'vitest';
import { sourceTopicsHelp } from './source-topics.ts';

const endpoint = (flavour: FlavourId): DataflowEndpoint => ({
  apiVersion: API_VERSION,
  kind: 'DataflowEndpoint',
  metadata: { name: flavour },
  spec: flavourById(flavour).template(),
});

describe('help for the source topics', () => {
  it('explains MQTT wildcards and that several instances share each filter by themselves', () => {
    const one = sourceTopicsHelp(endpoint('local-broker'), ['a/+/b'], 1)!;
    expect(one).toContain('+ matches one level');
    expect(one).toContain('# the rest');
    expect(one).toContain('several instances, each filter becomes a shared subscription');
    expect(sourceTopicsHelp(endpoint('local-broker'), [], 3)).toContain('runs 3 instances');
  });
  it('says an explicit $shared/ prefix is allowed but unneeded', () => {
    expect(sourceTopicsHelp(endpoint('local-broker'), ['$shared/g/a/#'], 1)).toContain('adds it when needed');
    expect(sourceTopicsHelp(endpoint('local-broker'), ['a/#'], 1)).not.toContain('adds it when needed');
  });
  it('warns that Event Grid takes no shared subscriptions, and Kafka no wildcards', () => {
    expect(sourceTopicsHelp(endpoint('event-grid'), [], 2)).toContain('must run one instance');
    expect(sourceTopicsHelp(endpoint('event-hubs'), [], 1)).toContain('without wildcards');
    expect(sourceTopicsHelp(undefined, [], 1)).toBeUndefined();
  });
});

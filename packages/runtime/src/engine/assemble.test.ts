import { describe, expect, it } from 'vitest';
import type { InboundMessage, OutboundMessage } from '../connectors/types.ts';
import { mqttSerializer, subscriptionFilters } from './assemble.ts';

const inbound = (topic: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({
  payload: Buffer.from('{}'),
  topic,
  receivedAt: 0,
  ...extra,
});

const settings = { authentication: { method: 'Anonymous' as const } };

describe('mqttSerializer', () => {
  it('writes JSON to the resolved topic with the properties carried through', () => {
    const serialize = mqttSerializer(
      { endpointRef: 'default', dataDestination: 'out/${inputTopic.2}' },
      settings,
    );
    const result = serialize(
      {
        payload: { a: 1 },
        metadata: {
          topic: 'in/dev-1/x',
          userProperties: [['k', 'v']],
          systemProperties: { content_type: 'application/json' },
        },
      },
      inbound('in/dev-1/x', { retain: true }),
    );
    expect(result.ok).toBe(true);
    const output = (result as { output: OutboundMessage }).output;
    expect(output).toMatchObject({
      topic: 'out/dev-1',
      userProperties: [['k', 'v']],
      contentType: 'application/json',
      retain: true,
    });
    expect(Buffer.from(output.payload).toString()).toBe('{"a":1}');
  });

  it('clears the retain flag with retain: Never', () => {
    const serialize = mqttSerializer(
      { endpointRef: 'default', dataDestination: 'out' },
      { ...settings, retain: 'Never' },
    );
    const result = serialize({ payload: 1 }, inbound('in', { retain: true }));
    expect((result as { output: OutboundMessage }).output.retain).toBe(false);
  });

  it('applies the destination header actions to the user properties in order', () => {
    const serialize = mqttSerializer(
      {
        endpointRef: 'default',
        dataDestination: 'out',
        headers: [
          { actionType: 'AddIfNotPresent', key: 'site', value: 'plant-3' },
          { actionType: 'AddIfNotPresent', key: 'k', value: 'ignored' },
          { actionType: 'AddOrReplace', key: 'line', value: '7' },
          { actionType: 'Remove', key: 'secret' },
        ],
      },
      settings,
    );
    const result = serialize(
      {
        payload: {},
        metadata: {
          userProperties: [
            ['k', 'v'],
            ['line', '1'],
            ['secret', 's'],
          ],
        },
      },
      inbound('in'),
    );
    expect((result as { output: OutboundMessage }).output.userProperties).toEqual([
      ['k', 'v'],
      ['site', 'plant-3'],
      ['line', '7'],
    ]);
  });

  it('fails (to be dead-lettered) when the topic level does not exist', () => {
    const serialize = mqttSerializer(
      { endpointRef: 'default', dataDestination: 'out/${inputTopic.3}' },
      settings,
    );
    const result = serialize({ payload: {} }, inbound('a/b'));
    expect(result).toEqual({
      ok: false,
      reason: "destination topic: ${inputTopic.3}: topic 'a/b' has only 2 levels",
    });
  });
});

describe('subscriptionFilters', () => {
  it('shares subscriptions when the profile runs more than one instance, and fixes the docs’ $shared', () => {
    expect(subscriptionFilters(['a/#'], 'flow', 1)).toEqual(['a/#']);
    expect(subscriptionFilters(['a/#'], 'flow', 3)).toEqual(['$share/flow/a/#']);
    expect(subscriptionFilters(['$shared/g/a/+'], 'flow', 1)).toEqual(['$share/g/a/+']);
    expect(subscriptionFilters(['$share/g/a'], 'flow', 2)).toEqual(['$share/g/a']);
  });
});

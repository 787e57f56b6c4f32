// Samples of messages before and after the transformation, for the portal's live view. Sampling costs
// nothing while nobody listens, and never more than `perSecond` events a second while someone does.
import type { Message } from '@flowplane/mapping';
import type { InboundMessage } from '../connectors/types.ts';

export type TapOutcome =
  { readonly output: Message } | { readonly dropped: string } | { readonly error: string };

export interface TapEvent {
  readonly at: string;
  readonly topic: string;
  readonly before: Message;
  readonly after?: Message;
  readonly dropped?: string;
  readonly error?: string;
}

export type TapListener = (event: TapEvent) => void;

export class Tap {
  private readonly listeners = new Set<TapListener>();
  private readonly perSecond: number;
  private windowStart = 0;
  private sentInWindow = 0;

  constructor(perSecond = 20) {
    this.perSecond = perSecond;
  }

  listen(listener: TapListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(inbound: InboundMessage, before: Message, outcome: TapOutcome): void {
    if (this.listeners.size === 0) return;
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.sentInWindow = 0;
    }
    if (this.sentInWindow >= this.perSecond) return;
    this.sentInWindow++;
    const event: TapEvent = {
      at: new Date(now).toISOString(),
      topic: inbound.topic,
      before,
      ...('output' in outcome ? { after: outcome.output } : outcome),
    };
    for (const listener of this.listeners) listener(event);
  }
}

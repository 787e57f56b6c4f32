import type { MqttClient } from 'mqtt';

/**
 * Returns a function that corks the client's socket until the event loop has handled the current I/O, so the packets
 * written meanwhile (publishes, acknowledgements) leave in one write instead of one system call each.
 */
export function coalescingWrites(client: MqttClient): () => void {
  let corked: MqttClient['stream'] | undefined;
  const uncork = () => {
    corked?.uncork();
    corked = undefined;
  };
  return () => {
    if (corked !== undefined) return;
    corked = client.stream;
    corked.cork();
    setImmediate(uncork);
  };
}

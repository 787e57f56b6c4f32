// MQTT requires a client to send PUBACKs in the order the PUBLISHes arrived, but a pipeline finishes
// messages out of order (a retried write, a filtered message). This queue releases acknowledgements in
// arrival order as soon as every earlier message is done.

interface Entry {
  done: boolean;
  readonly send: () => void;
}

export class OrderedAcks {
  private queue: Entry[] = [];
  private head = 0;
  private generation = 0;

  /** Registers a message in arrival order; call the returned function when it is done. */
  add(send: () => void): () => void {
    const entry: Entry = { done: false, send };
    this.queue.push(entry);
    const generation = this.generation;
    return () => {
      if (entry.done || generation !== this.generation) return;
      entry.done = true;
      this.release();
    };
  }

  /** Forgets everything pending (the connection they belong to is gone; the broker redelivers them). */
  reset(): void {
    this.queue = [];
    this.head = 0;
    this.generation++;
  }

  get pending(): number {
    return this.queue.length - this.head;
  }

  private release(): void {
    while (this.head < this.queue.length && this.queue[this.head]!.done) {
      this.queue[this.head]!.send();
      this.head++;
    }
    // Compact now and then instead of shifting on every acknowledgement.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}

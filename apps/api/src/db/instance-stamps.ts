import pg from 'pg';
import type { InstanceRow } from '../repositories/instances.ts';

/** The channel the `instances_notify_change` trigger (migration 0003) announces changed instances on. */
export const INSTANCE_CHANGES_CHANNEL = 'flowplane_instance_changes';

export interface InstanceStamp {
  instance: InstanceRow;
  /** Changes with every committed write in the instance (see instanceWithStamp). */
  stamp: string;
}

export interface InstanceStamps {
  /** The instance and its stamp: remembered while the change feed vouches for it, otherwise read. */
  get(name: string): Promise<InstanceStamp | undefined>;
  /**
   * Forgets every remembered stamp. Called when this process has written, before its response leaves:
   * its client's next read must see the write, even before the database's notification arrives.
   */
  forget(): void;
  /** True while the feed is listening, that is while remembered stamps are trusted. */
  readonly live: boolean;
  close(): Promise<void>;
}

export interface InstanceStampsOptions {
  connectionString: string;
  /** Reads one instance and its stamp from the database. */
  read: (name: string) => Promise<InstanceStamp | undefined>;
  /** Delay before listening again after the feed's connection was lost; doubles up to 30 s. */
  retryMs?: number;
  onError?: (error: Error) => void;
}

/**
 * The instances' change stamps, kept in memory so that a cached list page costs no database round trip.
 * A stamp is remembered only while a dedicated connection LISTENs to the trigger's notifications, which
 * say which instance changed; while that connection is down nothing is remembered and every call reads.
 * Another process's write is therefore seen as soon as its notification arrives (milliseconds after its
 * commit), this process's own writes at once (forget).
 */
export function createInstanceStamps(options: InstanceStampsOptions): InstanceStamps {
  const remembered = new Map<string, InstanceStamp>();
  // Bumped by every invalidation: a read that started before one must not be remembered, since it may
  // have seen the database before the write that caused it.
  let epoch = 0;
  let live = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const firstRetryMs = options.retryMs ?? 1000;
  let retryMs = firstRetryMs;

  function invalidate(name?: string) {
    epoch++;
    if (name === undefined) remembered.clear();
    else remembered.delete(name);
  }

  function lost(error?: Error) {
    if (error) options.onError?.(error);
    live = false;
    invalidate();
    const dead = client;
    client = undefined;
    void dead?.end().catch(() => undefined);
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void listen();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 30_000);
  }

  async function listen() {
    const next = new pg.Client({
      connectionString: options.connectionString,
      connectionTimeoutMillis: 10_000,
    });
    client = next;
    next.on('notification', (message) => {
      if (message.channel === INSTANCE_CHANGES_CHANNEL) invalidate(message.payload);
    });
    next.on('error', (error) => {
      if (client === next) lost(error);
    });
    next.on('end', () => {
      if (client === next) lost();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${INSTANCE_CHANGES_CHANNEL}`);
      if (closed || client !== next) return;
      // Changes made while nobody listened were never announced: start from nothing.
      invalidate();
      live = true;
      retryMs = firstRetryMs;
    } catch (error) {
      if (client === next) lost(error instanceof Error ? error : new Error(String(error)));
    }
  }

  const started = listen();

  return {
    async get(name) {
      const known = live ? remembered.get(name) : undefined;
      if (known) return known;
      const before = epoch;
      const found = await options.read(name);
      if (found && live && epoch === before) remembered.set(name, found);
      return found;
    },
    forget: () => invalidate(),
    get live() {
      return live;
    },
    async close() {
      closed = true;
      live = false;
      clearTimeout(retryTimer);
      await started;
      const last = client;
      client = undefined;
      remembered.clear();
      await last?.end().catch(() => undefined);
    },
  };
}

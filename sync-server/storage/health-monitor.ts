import type { Logger } from '../observability/logger.ts';
import type { DocumentStore, StorageHealth } from './document-store.ts';

/** How often storage is probed; /healthz and the relay learn of a lost database within this. */
export const STORAGE_PROBE_INTERVAL_MS = 1000;

export interface StorageHealthEvents {
  /** Storage stopped keeping what the server confirms. */
  onLost(reason: string): void;
  /** Storage works again after being lost. */
  onRecovered(): void;
}

/**
 * Probes the store on a timer and remembers the answer, so the server can stop confirming the
 * moment storage stops keeping things (a deleted database file, a read-only or full disk), and
 * start again by itself when it comes back. Policy lives here, above the store, which only says
 * whether its probe worked.
 */
export class StorageHealthMonitor {
  private health: StorageHealth = { ok: true };
  private timer: ReturnType<typeof setInterval> | null = null;
  private probing = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly logger: Logger,
    private readonly events: StorageHealthEvents,
    private readonly intervalMs = STORAGE_PROBE_INTERVAL_MS,
  ) {}

  /** The last probe's answer; no I/O. */
  get current(): StorageHealth {
    return this.health;
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.probe(), this.intervalMs);
    // A probe must never be what keeps a stopping process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Probes now and acts on a change; overlapping calls share nothing and the later is skipped. */
  async probe(): Promise<StorageHealth> {
    if (this.probing) return this.health;
    this.probing = true;
    try {
      const next = await this.store.probeHealth();
      const was = this.health;
      this.health = next;
      if (was.ok && !next.ok) {
        this.logger.error(
          { reason: next.reason },
          'storage lost; refusing writes and closing rooms until it is back',
        );
        this.events.onLost(next.reason);
      } else if (!was.ok && next.ok) {
        this.logger.info('storage is back; accepting writes again');
        this.events.onRecovered();
      }
      return next;
    } finally {
      this.probing = false;
    }
  }
}

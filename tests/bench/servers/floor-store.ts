import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';

/**
 * What the durable floor (`BENCH_FLOOR_STORE=sqlite`) adds to the floor for each update: it
 * applies the update to the room's Y.Doc and inserts it into a SQLite file (WAL, synchronous
 * NORMAL, as ours by default) before forwarding the frame. Nothing else: no batching, validation,
 * rate limits or stored notices. It bounds from below the CPU of any relay that stores before it
 * fans out, which the relay CPU goal is measured against.
 */
export class FloorStore {
  private readonly insert;
  private readonly docs = new Map<string, Y.Doc>();

  constructor(dataDir: string) {
    const db = new Database(join(dataDir, 'floor.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS updates (room TEXT NOT NULL, data BLOB NOT NULL)');
    this.insert = db.prepare<[string, Uint8Array]>(
      'INSERT INTO updates (room, data) VALUES (?, ?)',
    );
  }

  /** Applies and stores one update of `room`; returns once it is in the file. */
  store(room: string, update: Uint8Array): void {
    let doc = this.docs.get(room);
    if (doc === undefined) this.docs.set(room, (doc = new Y.Doc()));
    Y.applyUpdate(doc, update);
    this.insert.run(room, update);
  }

  /** The room's last socket left. */
  close(room: string): void {
    this.docs.get(room)?.destroy();
    this.docs.delete(room);
  }
}

import type { Logger } from '../observability/logger.ts';
import type { StoredDocument } from '../storage/document-store.ts';
import { CLOSE, type CloseReason } from './close-codes.ts';
import type { StoredElsewhere } from './node-bus.ts';
import type { OpenDocument, Received } from './open-document.ts';
import type { RoomPersistence } from './room-persistence.ts';
import { answerWaitingRequests } from './stored-answer.ts';

/** Most messages handled per persistence round: bounds the time one round holds the room. */
const MAX_BATCH = 2000;

const ignore = (): void => {};

/**
 * A room's waiting work and the rounds that handle it, one at a time (SPEC.md, R2, R3): the
 * messages its sockets sent, other nodes' commits heard and not yet applied, and whether storage
 * must be read for notices that may have been missed. A round starts only while the room is open.
 */
export class RoomRounds {
  private readonly inbox: Received[] = [];
  private processing: Promise<void> | null = null;
  /** Other nodes' commits to this document, heard and not yet applied. */
  private readonly storedElsewhere: StoredElsewhere[] = [];
  /** Set when notices may have been missed (the bus reconnected, the periodic sweep). */
  private mustReadStorage = false;

  constructor(
    private readonly documentId: string,
    private readonly persistence: RoomPersistence,
    private readonly logger: Logger,
    /** The document while the room is open, else null: no round starts otherwise. */
    private readonly open: () => OpenDocument | null,
    /** The document while the room holds it (open, or closing after loading). */
    private readonly loaded: () => OpenDocument | null,
    /** Fails the room: a round threw. */
    private readonly fail: (reason: CloseReason) => void,
  ) {}

  /** A message for the next round. */
  enqueue(received: Received): void {
    this.inbox.push(received);
    received.connection.enqueued();
    this.schedule();
  }

  /** Another node stored a commit to this document: apply it in a round. */
  noteStoredElsewhere(notice: StoredElsewhere): void {
    this.storedElsewhere.push(notice);
    this.persistence.noteStoredElsewhere(notice.seq);
    this.schedule();
  }

  /** Notices may have been missed: read storage for anything newer at the next chance. */
  readStorage(): void {
    this.mustReadStorage = true;
    this.schedule();
  }

  /** Answers the sync requests that came while storage was read from what was read (R26). */
  answerWaitingRequests(stored: StoredDocument): void {
    const rest = answerWaitingRequests(this.inbox, stored);
    this.inbox.splice(0, this.inbox.length, ...rest);
  }

  /** Waits until no round (or server change) is running. */
  async idle(): Promise<void> {
    while (this.processing !== null) await this.processing;
  }

  /** Holds off every round until `done` settles (a server change, R7), then resumes them. */
  occupy(done: Promise<unknown>): void {
    this.processing = done.then(ignore, ignore).finally(() => {
      this.processing = null;
      this.schedule();
    });
  }

  /** Runs every round waiting, one after another (a closing room's last work). */
  async drain(): Promise<void> {
    while (await this.processNextRound());
  }

  /** Forgets everything waiting: the room is done. */
  clear(): void {
    this.inbox.length = 0;
    this.storedElsewhere.length = 0;
  }

  private get mustCatchUp(): boolean {
    return this.storedElsewhere.length > 0 || this.mustReadStorage || this.persistence.isBehind;
  }

  /** Starts a round at the next chance when there is work and none is running. */
  schedule(): void {
    if (
      this.processing !== null ||
      this.open() === null ||
      (this.inbox.length === 0 && !this.mustCatchUp)
    )
      return;
    // Waiting for the next tick gathers everything that arrived in this one into one round, and
    // every busy room starts its round in the same tick, so all their appends share one commit (R3).
    this.processing = this.persistence
      .waitForRoundStart()
      .then(async () => {
        await this.processNextRound();
      })
      .catch((error: unknown) => {
        // A bug, not input: fail this room (its clients reconnect and resend), never the process.
        this.logger.error(
          { documentId: this.documentId, error },
          'a round failed; closing the room',
        );
        this.fail(CLOSE.internalError);
      })
      .finally(() => {
        this.processing = null;
        this.schedule();
      });
  }

  /**
   * One round: catching up with other nodes, or the messages waiting. One only, so that what is
   * left waits for the next tick and shares its commit with every other busy room (R3).
   */
  private async processNextRound(): Promise<boolean> {
    const loaded = this.loaded();
    if (loaded === null) return false;
    if (this.mustCatchUp) {
      const readStorage = this.mustReadStorage;
      this.mustReadStorage = false;
      await loaded.catchUp(this.storedElsewhere.splice(0), readStorage);
    } else if (this.inbox.length > 0) await loaded.processRound(this.inbox.splice(0, MAX_BATCH));
    else return false;
    return true;
  }
}

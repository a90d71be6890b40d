/**
 * Per document, the writes that go straight to storage beside any room: a closing room's last
 * state, or a server change while no room is open. Each waits for the previous one of its
 * document, and a new room or a read waits for the last, so none of them races another.
 */
export class DocumentWriteQueue {
  private readonly last = new Map<string, Promise<void>>();

  /** The last write of the document still running, if any; it never rejects. */
  current(documentId: string): Promise<void> | undefined {
    return this.last.get(documentId);
  }

  /** Runs `write` after the document's previous write; resolves or rejects with it. */
  enqueue<T>(documentId: string, write: () => Promise<T>): Promise<T> {
    const previous = this.last.get(documentId) ?? Promise.resolve();
    const written = previous.then(write);
    const done: Promise<void> = written
      .then(
        () => {},
        () => {},
      )
      .finally(() => {
        if (this.last.get(documentId) === done) this.last.delete(documentId);
      });
    this.last.set(documentId, done);
    return written;
  }

  /** Resolves once every write queued so far has finished. */
  async drain(): Promise<void> {
    await Promise.all([...this.last.values()]);
  }
}

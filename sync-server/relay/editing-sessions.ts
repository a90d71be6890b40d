import type { Logger } from '../observability/logger.ts';
import type { Access } from '../storage/document-store.ts';
import type { AuditActor, AuditEntry } from '../storage/identity-records.ts';

/**
 * One writer's socket on one document: when it opened and how many changes it sent. Counts
 * only: nothing of what the changes hold is kept. `changes` is the relay's one piece of work per
 * update (an increment), so the hot path stays as it was.
 */
export class EditingSession {
  changes = 0;
  readonly startedAt = new Date().toISOString();

  constructor(
    readonly documentId: string,
    readonly access: Access,
  ) {}
}

/** Who edited, as the audit log names them: the signed-in account, else the share link's role. */
function actorOf(access: Access): AuditActor {
  if (access.accountId !== undefined)
    return {
      type: 'account',
      id: access.accountId,
      ...(access.accountName !== undefined && { name: access.accountName }),
    };
  return { type: 'link', role: access.role };
}

/** The `editing-session` event of a session that ended now: from when to when (an ISO-8601 interval) and how many changes. */
export function editingSessionEntry(session: EditingSession, endedAt: string): AuditEntry {
  return {
    workspaceId: session.access.workspaceId,
    at: endedAt,
    actor: actorOf(session.access),
    action: 'editing-session',
    target: session.documentId,
    outcome: 'success',
    requestId: null,
    detail: `${session.startedAt}/${endedAt}, ${session.changes} ${session.changes === 1 ? 'change' : 'changes'}`,
  };
}

/**
 * The editing sessions of this node's open sockets, each summarised in the audit log when its
 * socket closes, or at shutdown for those still open. A socket that sent no change (a reader,
 * or a writer who only looked) leaves no line. Writing is best effort: a failed write is logged
 * and never reaches the socket, whose edits are stored already.
 */
export class EditingSessions {
  private readonly open = new Set<EditingSession>();
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly write: (entries: readonly AuditEntry[]) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** A writer's socket joined a document; null for a viewer, whose updates count for nothing (R8). */
  start(documentId: string, access: Access): EditingSession | null {
    if (access.role === 'viewer') return null;
    const session = new EditingSession(documentId, access);
    this.open.add(session);
    return session;
  }

  /** The socket closed: its summary is written, once. */
  end(session: EditingSession | null): void {
    if (session === null || !this.open.delete(session) || session.changes === 0) return;
    const written = this.write([editingSessionEntry(session, new Date().toISOString())])
      .catch((error: unknown) =>
        this.logger.error(
          { documentId: session.documentId, error },
          'could not write an editing session to the audit log',
        ),
      )
      .finally(() => this.writing.delete(written));
    this.writing.add(written);
  }

  /** Ends every session still open and waits for every summary to be written (shutdown). */
  async endAll(): Promise<void> {
    for (const session of [...this.open]) this.end(session);
    await Promise.all([...this.writing]);
  }
}

/**
 * Presence entries one socket may publish: a stock client publishes one (its document's client
 * id), and a reconnect in the same tab reuses it. Beyond this the socket is planting fakes.
 */
export const MAX_PRESENCE_PER_SOCKET = 4;

/**
 * A client id whose socket has sent nothing for this long may be taken over by another socket.
 * A live stock client renews its presence every 15 s, and every client drops a state not renewed
 * in 30 s, so a socket that silent is a dead connection the server has not noticed yet (a laptop
 * whose Wi-Fi dropped) and the same tab reconnecting must be able to speak for itself again.
 */
export const PRESENCE_TAKEOVER_MS = 30_000;

/** What the registry needs of a socket: when it was last heard from and the ids it speaks for. */
export interface PresenceSpeaker {
  readonly lastHeardAt: number;
  readonly awarenessClients: Set<number>;
}

/**
 * `own`: the socket may speak for the id (it already did, or now does); `foreign`: another live
 * socket speaks for it; `over-limit`: the socket already speaks for MAX_PRESENCE_PER_SOCKET ids.
 */
export type PresenceClaim = 'own' | 'foreign' | 'over-limit';

/**
 * Which socket speaks for which awareness client id in one room, so that nobody can write,
 * rename or remove another person's presence: the first socket to publish an id owns it until
 * it closes or falls silent.
 */
export class PresenceOwners<Speaker extends PresenceSpeaker> {
  private readonly owners = new Map<number, Speaker>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  claim(speaker: Speaker, clientId: number): PresenceClaim {
    const current = this.owners.get(clientId);
    if (current === speaker) return 'own';
    if (current !== undefined && this.now() - current.lastHeardAt < PRESENCE_TAKEOVER_MS)
      return 'foreign';
    if (speaker.awarenessClients.size >= MAX_PRESENCE_PER_SOCKET) return 'over-limit';
    current?.awarenessClients.delete(clientId);
    this.owners.set(clientId, speaker);
    speaker.awarenessClients.add(clientId);
    return 'own';
  }

  ownerOf(clientId: number): Speaker | undefined {
    return this.owners.get(clientId);
  }

  /** Forgets a socket that left; returns the ids it spoke for, whose states should go too. */
  release(speaker: Speaker): number[] {
    const ids = [...speaker.awarenessClients];
    for (const id of ids) if (this.owners.get(id) === speaker) this.owners.delete(id);
    return ids;
  }
}

/** The signed-in account a socket speaks as, if any (from its session, never from the client). */
export interface SpeakerAccount {
  readonly accountId?: string;
  readonly accountName?: string;
}

/**
 * Whether a presence state may be shown as it is. A state that names an account (`user.account`,
 * which clients show as signed in) must come from that account's own socket and carry its name
 * as the district's provider gave it: anyone can type any display name as a guest, but nobody can
 * appear as someone else's signed-in account. One property read per entry, on presence only.
 */
export function mayShowPresence(state: unknown, speaker: SpeakerAccount): boolean {
  const user =
    typeof state === 'object' && state !== null ? (state as { user?: unknown }).user : undefined;
  if (typeof user !== 'object' || user === null || !('account' in user)) return true;
  const { account, name } = user as { account?: unknown; name?: unknown };
  return (
    speaker.accountId !== undefined && account === speaker.accountId && name === speaker.accountName
  );
}

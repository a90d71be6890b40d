import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DeletionReceipts } from './deletion-receipts.ts';
import { DeviceCopy } from './device-copy.ts';
import { relayServerUrl, webSocketAdoptingEarly } from './early-socket.ts';
import { FrameAwareness } from './frame-awareness.ts';
import { MessagesAfterKeystrokes } from './messages-after-keystrokes.ts';
import { afterNextFrame, whenIdle } from './page-moments.ts';
import { sendOwnPresenceOnly } from './own-presence-only.ts';
import {
  applyAnnouncingReceived,
  clocksReceived,
  peekReceivedUpdate,
  type UpdateListener,
} from './received-update.ts';
import { socketDeliveringThrough } from './socket-delivering-through.ts';
import { StoredNoticeReplies } from './stored-notice-replies.ts';
import { coversState, peekServerStateVector } from './stored-state.ts';

/**
 * What the connection indicator says. Each state is a promise we can keep:
 * - `loading`: the copy on this device is not read yet;
 * - `offline`: not connected; every edit is saved on this device and will sync when online;
 * - `syncing`: connected, and the server has not yet confirmed storing everything we have;
 * - `synced`: the server's stored state covers everything on this device;
 * - `link-invalid`: the server refused this link (revoked, or for another workspace), or the
 *   document was deleted (`deleted`).
 */
export type SyncStatus =
  | { readonly kind: 'loading' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'syncing' }
  | { readonly kind: 'synced' }
  | { readonly kind: 'link-invalid'; readonly reason: string; readonly deleted: boolean };

/** The relay's close code for a deleted document (CLOSE.documentGone in sync-server/relay/close-codes.ts). */
const DOCUMENT_DELETED_CODE = 4404;

const SYNC_MESSAGE = 0;

/** How long updates from the relay wait to be written to IndexedDB together. */
const REMOTE_WRITE_DELAY_MS = 300;

/**
 * How long the page waits for the relay's copy before it reads the device's. Online, the relay
 * sends the whole document at once (the early socket asks before the page's code has loaded),
 * and reading the device's copy too applied the document twice before the editor showed: a warm
 * load of the 200-row data review was slower than a cold one. So the device's copy is read after
 * the page has drawn the relay's, or at once when offline, when the socket fails, when this
 * person edits, or after this long.
 */
const RELAY_FIRST_MS = 1500;

/**
 * One open document: its Y.Doc, kept in IndexedDB and synced over y-websocket. Offline, it opens
 * from the device, so a page reloaded offline shows the offline edits; online, from the relay,
 * and the device's copy (with any edits it holds that the relay lacks) follows once the page is drawn.
 */
export class DocumentSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** The provider's awareness announcing changes once per frame, for the note editors' carets. */
  readonly noteAwareness: FrameAwareness;
  private readonly local: DeviceCopy;
  /** Others' messages wait for this person's keystroke to be drawn while they type. */
  private readonly relayMessages = new MessagesAfterKeystrokes();
  private readonly deletionReceipts = new DeletionReceipts(this.doc, () => this.update());
  private readonly noticeReplies = new StoredNoticeReplies();
  private readonly relayFirst: ReturnType<typeof setTimeout>;
  private serverState: Map<number, number> | null = null;
  private refused: string | null = null;
  private deleted = false;
  private status: SyncStatus = { kind: 'loading' };
  private readonly listeners = new Set<() => void>();
  private remoteUpdates: Uint8Array[] = [];
  private remoteWrite: ReturnType<typeof setTimeout> | null = null;
  private ownUpdates: Uint8Array[] = [];

  constructor(
    readonly documentId: string,
    token: string,
    /** Called when the socket cannot connect, to ask the REST API whether the link is still valid. */
    private readonly checkLink: () => Promise<string | null>,
  ) {
    this.local = new DeviceCopy(`pathways:${documentId}`, this.doc, this.update);
    this.doc.on('update', this.storeUpdate);
    this.relayFirst = setTimeout(this.openLocal, RELAY_FIRST_MS);
    if (!navigator.onLine) this.openLocal();
    this.provider = new WebsocketProvider(relayServerUrl(), documentId, this.doc, {
      params: { token },
      maxBackoffTime: 5000,
      // The entry module may have opened this document's socket already (early-start.ts).
      WebSocketPolyfill: socketDeliveringThrough(
        webSocketAdoptingEarly(),
        this.relayMessages.deliver,
        this.relayMessages.release,
      ),
    });
    sendOwnPresenceOnly(this.provider);
    this.noteAwareness = new FrameAwareness(this.provider.awareness);
    this.watchStoredState();
    this.provider.on('status', ({ status }) => {
      if (!this.provider.wsconnected) this.serverState = null;
      if (status === 'connected') {
        this.deletionReceipts.connected(this.provider.ws!);
        this.noticeReplies.connected();
      } else this.deletionReceipts.disconnected();
      // The relay has already seen our presence at this clock and drops it as stale; a new clock
      // makes us visible again right away rather than at the next 15-second refresh.
      if (status === 'connected')
        this.provider.awareness.setLocalState(this.provider.awareness.getLocalState());
      // The relay could not be reached (or let go) before sending the document: the device's copy it is.
      else if (status === 'disconnected' && !this.provider.synced) this.openLocal();
      this.update();
    });
    this.provider.on('sync', (synced: boolean) => {
      // After the frame that draws the relay's copy, in the next idle moment.
      if (synced && !this.local.opened) requestAnimationFrame(() => whenIdle(this.openLocal));
      this.update();
    });
    this.provider.on('closed', ({ code, reason }) => {
      this.deleted = code === DOCUMENT_DELETED_CODE;
      this.refuse(reason || 'This link is no longer valid.');
    });
    this.provider.on(
      'connection-error',
      () => void this.checkLink().then((reason) => reason !== null && this.refuse(reason)),
    );
    this.doc.on('update', this.onDocUpdate);
    // A socket can outlive the network for a long while before it notices; the browser knows sooner.
    window.addEventListener('offline', this.goOffline);
    window.addEventListener('online', this.goOnline);
    // A page closed or reloaded right after a keystroke still stores it.
    window.addEventListener('pagehide', this.writeOwnUpdates);
    if (!navigator.onLine) this.provider.disconnect();
    void navigator.storage?.persist?.();
  }

  /**
   * y-indexeddb writes every update in a transaction of its own. Our own edits still go to disk
   * at once (they may exist nowhere else yet), but what the relay sends is already stored on the
   * server: with 30 people typing, those arrive dozens of times a second and are written together,
   * merged into one update, a moment later.
   */
  private readonly storeUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.local.isReadFromHere(origin)) return;
    if (origin !== this.provider) {
      // This person's edit may exist nowhere else yet: the device's copy opens now (and stores it) if it was not open.
      this.openLocal();
      // Written right after the frame that shows it, not in the keystroke's task, which that frame waits for.
      if (this.ownUpdates.push(update) === 1) afterNextFrame(this.writeOwnUpdates);
      return;
    }
    this.remoteUpdates.push(update);
    this.remoteWrite ??= setTimeout(this.writeRemoteUpdates, REMOTE_WRITE_DELAY_MS);
  };

  private readonly writeRemoteUpdates = (): void => {
    if (this.remoteWrite !== null) clearTimeout(this.remoteWrite);
    this.remoteWrite = null;
    const updates = this.remoteUpdates;
    this.remoteUpdates = [];
    if (updates.length > 0)
      this.local.store(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), this.provider);
  };

  private readonly writeOwnUpdates = (): void => {
    const updates = this.ownUpdates;
    this.ownUpdates = [];
    if (updates.length > 0)
      this.local.store(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), null);
  };

  private readonly openLocal = (): void => {
    clearTimeout(this.relayFirst);
    this.local.open();
  };

  private readonly goOffline = (): void => {
    this.openLocal();
    this.provider.disconnect();
    this.update();
  };

  private readonly goOnline = (): void => {
    if (this.refused === null) this.provider.connect();
  };

  /**
   * The relay sends its state vector (a sync step 1) after storing our updates; peeking at it
   * tells us what is stored. The stock handler answers the relay's greeting and any notice that
   * shows the relay lacking something (stored-notice-replies.ts), and applies what the relay
   * sends without encoding it again for the document's listeners (received-update.ts).
   */
  private watchStoredState(): void {
    const handleSync = this.provider.messageHandlers[SYNC_MESSAGE]!;
    this.provider.messageHandlers[SYNC_MESSAGE] = (
      encoder,
      decoder,
      provider,
      emitSynced,
      messageType,
    ) => {
      this.deletionReceipts.received(decoder.arr);
      const stateVector = peekServerStateVector(decoder.arr);
      if (stateVector !== null) {
        this.serverState = stateVector;
        queueMicrotask(this.update);
        if (!this.noticeReplies.shouldAnswer(stateVector, this.heldState)) return;
      }
      const received = peekReceivedUpdate(decoder.arr);
      if (received === null) handleSync(encoder, decoder, provider, emitSynced, messageType);
      else
        applyAnnouncingReceived(this.doc, received, provider, () =>
          handleSync(encoder, decoder, provider, emitSynced, messageType),
        );
    };
  }

  /**
   * What the relay sends us it has already stored (it stores before it fans out), so a remote
   * update raises what we know is stored; otherwise someone who only reads would see "Syncing…"
   * for as long as others type.
   */
  private readonly onDocUpdate: UpdateListener = (update, origin, _doc, transaction) => {
    if (origin === this.provider && this.serverState !== null) {
      for (const [client, clock] of clocksReceived(update, transaction)) {
        if ((this.serverState.get(client) ?? 0) < clock) this.serverState.set(client, clock);
      }
    }
    this.update();
  };

  private refuse(reason: string): void {
    this.refused = reason;
    this.provider.disconnect();
    this.update();
  }

  private readonly update = (): void => {
    const next = this.computeStatus();
    if (next.kind === this.status.kind) return;
    this.status = next;
    for (const listener of this.listeners) listener();
  };

  private readonly heldState = (): Map<number, number> =>
    Y.decodeStateVector(Y.encodeStateVector(this.doc));

  private computeStatus(): SyncStatus {
    if (this.refused !== null)
      return { kind: 'link-invalid', reason: this.refused, deleted: this.deleted };
    if (!this.local.loaded && !this.provider.synced) return { kind: 'loading' };
    if (!this.provider.wsconnected) return { kind: 'offline' };
    // Synced means the server has everything on this device: the device's copy included.
    if (
      !this.provider.synced ||
      this.serverState === null ||
      !this.local.loaded ||
      !this.deletionReceipts.settled
    )
      return { kind: 'syncing' };
    return coversState(this.serverState, this.heldState())
      ? { kind: 'synced' }
      : { kind: 'syncing' };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getStatus = (): SyncStatus => this.status;

  destroy(): void {
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    clearTimeout(this.relayFirst);
    this.listeners.clear();
    this.doc.off('update', this.onDocUpdate);
    this.doc.off('update', this.storeUpdate);
    this.writeRemoteUpdates();
    this.writeOwnUpdates();
    window.removeEventListener('pagehide', this.writeOwnUpdates);
    this.noteAwareness.destroy();
    this.deletionReceipts.destroy();
    this.provider.destroy();
    this.relayMessages.destroy();
    this.local.destroy();
    this.doc.destroy();
  }
}

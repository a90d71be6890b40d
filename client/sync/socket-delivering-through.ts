/**
 * A WebSocket constructor for y-websocket whose sockets hand each received message to `deliver`,
 * which runs it now or later, in order. Opening, errors and closing are not delayed; a close runs
 * the messages still waiting first, so the provider sees them before it sees the socket close.
 */
export function socketDeliveringThrough(
  WebSocketImpl: typeof WebSocket,
  deliver: (handle: () => void) => void,
  releaseWaiting: () => void,
): typeof WebSocket {
  function DeliveringWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
    return new DeliveringSocket(
      new WebSocketImpl(url, protocols),
      deliver,
      releaseWaiting,
    ) as unknown as WebSocket;
  }
  return DeliveringWebSocket as unknown as typeof WebSocket;
}

/** The socket the provider holds: the real one, with its messages passed through `deliver`. */
class DeliveringSocket {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  // y-websocket compares readyState with the instance's own constants (`ws.readyState === ws.OPEN`).
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  constructor(
    private readonly socket: WebSocket,
    deliver: (handle: () => void) => void,
    releaseWaiting: () => void,
  ) {
    socket.onopen = (event) => this.onopen?.(event);
    socket.onmessage = (event) => deliver(() => this.onmessage?.(event));
    socket.onerror = (event) => this.onerror?.(event);
    socket.onclose = (event) => {
      releaseWaiting();
      this.onclose?.(event);
    };
  }

  get binaryType(): BinaryType {
    return this.socket.binaryType;
  }

  set binaryType(type: BinaryType) {
    this.socket.binaryType = type;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  get url(): string {
    return this.socket.url;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }
}

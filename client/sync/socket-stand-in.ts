/**
 * What y-websocket holds in place of a WebSocket: the handlers it sets, the constants it reads
 * and the calls it makes, each passed on to the real `socket`. Subclasses decide when the real
 * socket's events reach the handlers.
 */
export abstract class SocketStandIn {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  // y-websocket compares readyState with the instance's own constants (`ws.readyState === ws.OPEN`).
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  constructor(protected readonly socket: WebSocket) {}

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

import { SocketStandIn } from './socket-stand-in.ts';

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
class DeliveringSocket extends SocketStandIn {
  constructor(
    socket: WebSocket,
    deliver: (handle: () => void) => void,
    releaseWaiting: () => void,
  ) {
    super(socket);
    socket.onopen = (event) => this.onopen?.(event);
    socket.onmessage = (event) => deliver(() => this.onmessage?.(event));
    socket.onerror = (event) => this.onerror?.(event);
    socket.onclose = (event) => {
      releaseWaiting();
      this.onclose?.(event);
    };
  }
}

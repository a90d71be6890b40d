import type { WebsocketProvider } from 'y-websocket';

/**
 * Makes the provider send only presence changes that did not come from the relay. y-websocket
 * sends every change it hears of back out, others' included, to the relay and to the browser's
 * other tabs: with 30 people in a document that was some 50 states a second, each encoded, sent
 * and posted by the page's main thread. Every client announces its own state; the relay and the
 * other tabs hear the others from them.
 */
export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const sendEveryChange = provider._awarenessUpdateHandler;
  provider.awareness.off('update', sendEveryChange);
  // Replaced on the provider, so that destroy() removes this one.
  provider._awarenessUpdateHandler = (changes, origin) => {
    if (origin !== provider) sendEveryChange(changes, origin);
  };
  provider.awareness.on('update', provider._awarenessUpdateHandler);
}

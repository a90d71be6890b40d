/**
 * The child side of child-processes.ts: answers the orchestrator's requests by type, and
 * exits when the orchestrator goes away, so no child outlives a crashed or killed run.
 */
export type RequestHandlers = Record<string, (args: never) => unknown>;

export function answerRequests(handlers: RequestHandlers): void {
  if (process.send === undefined)
    throw new Error('start this file through tests/bench/run.ts (it needs an IPC channel)');
  process.on('message', (message: { kind?: string; id: number; type: string; args: never }) => {
    if (message.kind !== 'request') return;
    const handler = handlers[message.type];
    void (async () => {
      try {
        if (handler === undefined) throw new Error(`unknown request ${message.type}`);
        const result = await handler(message.args);
        process.send?.({ kind: 'reply', id: message.id, ok: true, result });
      } catch (error) {
        console.error(error);
        process.send?.({
          kind: 'reply',
          id: message.id,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    })();
  });
  process.once('disconnect', () => process.exit(0));
}

export function reportReady(info: Record<string, unknown> = {}): void {
  process.send?.({ kind: 'ready', ...info });
}

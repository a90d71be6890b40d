import { answerRequests, reportReady } from '../answer-requests.ts';
import { EditorCrowd, type CrowdJoin } from './editor-crowd.ts';

/**
 * The remote editors' process: stock y-websocket clients typing into the document the browser
 * has open. It runs apart from the orchestrator, so the clients' CPU is never the browser's or
 * the server's, and answers `crowd:*` requests from tests/bench/client/typing.ts.
 */
// Each y-websocket provider adds a process 'exit' listener; dozens are expected here.
process.setMaxListeners(0);

let crowd: EditorCrowd | null = null;

function current(): EditorCrowd {
  if (crowd === null) throw new Error('no crowd has joined');
  return crowd;
}

answerRequests({
  'crowd:join': async (args: CrowdJoin) => {
    crowd?.leave();
    crowd = null;
    crowd = await EditorCrowd.join(args);
  },
  'crowd:start': () => current().start(),
  'crowd:stop': () => current().stop(),
  'crowd:leave': () => {
    crowd?.leave();
    crowd = null;
  },
});
reportReady();

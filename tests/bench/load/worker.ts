import { answerRequests, reportReady } from '../answer-requests.ts';
import { loopDelayHandlers } from '../loop-delay.ts';
import { ColdLoad } from './cold-load.ts';
import { FanOutLoad, type FanOutConnect, type FanOutTyping } from './fan-out.ts';
import { HousekeepingLoad } from './housekeeping.ts';
import { openAndClose } from './idle-memory.ts';
import { TwoNodeFanOutLoad, type TwoNodeConnect } from './two-node-fan-out.ts';
import type { RoomRef, Target } from './clients.ts';

/**
 * A load generator process: stock clients driven by the orchestrator's requests. It never runs
 * in a server's process, so the server's CPU figures hold only the server's work.
 */
// Each y-websocket provider adds a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);

const fanOut = new FanOutLoad();
const coldLoad = new ColdLoad();
const twoNode = new TwoNodeFanOutLoad();
const housekeeping = new HousekeepingLoad();

answerRequests({
  ...loopDelayHandlers(),
  'fan-out:connect': (args: FanOutConnect) => fanOut.connect(args),
  'fan-out:type': (args: FanOutTyping) => fanOut.type(args),
  'fan-out:close': () => fanOut.close(),
  'two-node:connect': (args: TwoNodeConnect) => twoNode.connect(args),
  'two-node:type': (args: FanOutTyping) => twoNode.type(args),
  'two-node:close': () => twoNode.close(),
  'cold:write': (args: { target: Target; room: RoomRef; updates: number }) =>
    coldLoad.writeHistory(args),
  'cold:first-sync': (args: { target: Target; room: RoomRef; length: number }) =>
    coldLoad.timeFirstSync(args),
  'cold:release': () => coldLoad.releaseKeeper(),
  'housekeeping:join': (args: { target: Target; room: RoomRef }) => housekeeping.join(args),
  'housekeeping:write': (args: { updates: number; paced: boolean }) => housekeeping.write(args),
  'housekeeping:leave': () => housekeeping.leave(),
  'idle:open-and-close': (args: { target: Target; room: RoomRef }) => openAndClose(args),
});
reportReady();

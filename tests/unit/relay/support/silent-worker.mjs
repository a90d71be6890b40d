// A compaction worker that takes requests and never answers: a hung worker, for the tests of R28.
import { parentPort } from 'node:worker_threads';
parentPort.on('message', () => {});

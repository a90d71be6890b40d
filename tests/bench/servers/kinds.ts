import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_NAMES = [
  'ours',
  '@y/websocket-server',
  '@hocuspocus/server',
  'floor',
  'ours-memory',
  'ours-full',
  'floor-durable',
] as const;
export type ServerName = (typeof SERVER_NAMES)[number];
/**
 * What `npm run bench` compares. Three diagnostics run only when named in BENCH_SERVERS, to see
 * what durability costs: 'ours-memory' (the in-memory store: the relay without SQLite),
 * 'ours-full' (SQLite with synchronous=FULL: an fsync per commit, on the event loop) and
 * 'floor-durable' (the floor applying each update to a Y.Doc and storing it in SQLite before it
 * forwards it: the least a relay that stores before fan-out can do).
 */
export const DEFAULT_SERVERS: readonly ServerName[] = [
  'ours',
  '@y/websocket-server',
  '@hocuspocus/server',
  'floor',
];

/** What the orchestrator needs to know about each server it compares. */
export interface ServerKind {
  readonly name: ServerName;
  /** The child process entry that starts it. */
  readonly entry: string;
  /** Which stock client drives it. */
  readonly protocol: 'y-websocket' | 'hocuspocus';
  /** Path of the sync endpoint; y-websocket appends `/<room>` to it. */
  readonly syncPath: string;
  /** Documents survive a restart (ours only: the peers run in memory here). */
  readonly persists: boolean;
  /** A fresh client can load a document's history from it (not the floor). */
  readonly holdsDocuments: boolean;
  /** Its rooms are documents created through a REST API with a token (ours). */
  readonly createsRoomsOverRest: boolean;
  /** Environment for its process. */
  readonly env?: Readonly<Record<string, string>>;
}

const here = dirname(fileURLToPath(import.meta.url));

const FLOOR: ServerKind = {
  name: 'floor',
  entry: join(here, 'floor.ts'),
  protocol: 'y-websocket',
  syncPath: '',
  persists: false,
  holdsDocuments: false,
  createsRoomsOverRest: false,
};

export const SERVER_KINDS: Readonly<Record<ServerName, ServerKind>> = {
  ours: {
    name: 'ours',
    entry: join(here, 'ours.ts'),
    protocol: 'y-websocket',
    syncPath: '/sync',
    persists: true,
    holdsDocuments: true,
    createsRoomsOverRest: true,
  },
  '@y/websocket-server': {
    name: '@y/websocket-server',
    entry: join(here, 'y-websocket-server.ts'),
    protocol: 'y-websocket',
    syncPath: '',
    persists: false,
    holdsDocuments: true,
    createsRoomsOverRest: false,
  },
  '@hocuspocus/server': {
    name: '@hocuspocus/server',
    entry: join(here, 'hocuspocus.ts'),
    protocol: 'hocuspocus',
    syncPath: '',
    persists: false,
    holdsDocuments: true,
    createsRoomsOverRest: false,
  },
  'ours-memory': {
    name: 'ours-memory',
    entry: join(here, 'ours.ts'),
    protocol: 'y-websocket',
    syncPath: '/sync',
    persists: false,
    holdsDocuments: true,
    createsRoomsOverRest: true,
    env: { BENCH_STORE: 'memory' },
  },
  'ours-full': {
    name: 'ours-full',
    entry: join(here, 'ours.ts'),
    protocol: 'y-websocket',
    syncPath: '/sync',
    persists: true,
    holdsDocuments: true,
    createsRoomsOverRest: true,
    env: { PATHWAYS_SQLITE_SYNCHRONOUS: 'FULL' },
  },
  floor: FLOOR,
  'floor-durable': { ...FLOOR, name: 'floor-durable', env: { BENCH_FLOOR_STORE: 'sqlite' } },
};

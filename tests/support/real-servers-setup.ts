import { execFileSync } from 'node:child_process';
import { findPostgresBin, findRedisServer, isRoot } from './server-binaries.ts';

const INSTALL = 'apt-get install -y postgresql redis-server';

/**
 * Vitest global setup: the storage and multi-node tests run against real PostgreSQL and Redis
 * servers (no Docker, no fakes). When their programs are missing, root (CI) installs them with
 * apt-get; anyone else is stopped at once with the one command to run, rather than meeting a
 * confusing failure in the middle of a test file.
 */
export default function setup(): void {
  if (findPostgresBin() !== null && findRedisServer() !== null) return;
  if (!isRoot()) {
    throw new Error(`PostgreSQL and Redis are needed by the tests and are not installed. Run: sudo ${INSTALL}`);
  }
  console.log(`PostgreSQL or Redis missing: running ${INSTALL}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', 'postgresql', 'redis-server'], { stdio: 'inherit', env });
  if (findPostgresBin() === null || findRedisServer() === null) throw new Error(`${INSTALL} ran but the programs are still missing`);
}

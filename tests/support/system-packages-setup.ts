import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './browser.ts';
import { findPostgresBin, findRedisServer, isRoot } from './server-binaries.ts';

/** What the tests run for real, and the Debian package each comes from. */
const NEEDED = [
  { name: 'Chromium', debianPackage: 'chromium', present: () => existsSync(CHROMIUM_PATH) },
  { name: 'PostgreSQL', debianPackage: 'postgresql', present: () => findPostgresBin() !== null },
  { name: 'Redis', debianPackage: 'redis-server', present: () => findRedisServer() !== null },
];

/**
 * Vitest global setup: the browser tests drive a real Chromium, and the storage and multi-node
 * tests run real PostgreSQL and Redis servers (no Docker, no fakes). When a program is missing,
 * root (CI, a fresh machine) installs it with apt-get; anyone else is stopped at once with the one
 * command to run, rather than meeting a confusing failure in the middle of a test file.
 */
export default function setup(): void {
  const missing = NEEDED.filter((program) => !program.present());
  if (missing.length === 0) return;
  const packages = missing.map((program) => program.debianPackage);
  const install = `apt-get install -y ${packages.join(' ')}`;
  const names = missing.map((program) => program.name).join(', ');
  if (!isRoot())
    throw new Error(
      `${names} ${missing.length === 1 ? 'is' : 'are'} needed by the tests and not installed. Run: sudo apt-get update && sudo ${install}`,
    );
  console.log(`${names} missing: running apt-get update && ${install}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', ...packages], { stdio: 'inherit', env });
  const still = missing.filter((program) => !program.present());
  if (still.length > 0)
    throw new Error(
      `${install} ran but ${still.map((program) => program.name).join(', ')} is still missing`,
    );
}

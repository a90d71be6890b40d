import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The parent pid of each running process, from /proc (Linux, as the benchmark machine is). */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name in parentheses may hold spaces; the fields after its ')' are fixed.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we listed it.
    }
  }
  return parents;
}

function residentBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/** `rootPid` and every process below it. */
function processTree(rootPid: number): Set<number> {
  const parents = parentsByPid();
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/**
 * Resident memory of a process and all its descendants, as `ps` would sum it: what a machine
 * gives a server, helper processes (a TypeScript loader's, a compiler service's) included.
 */
export function readProcessTreeRss(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) total += residentBytes(pid);
  return total;
}

let ticksPerSecond: number | null = null;

/**
 * CPU time of a process tree so far, in ms: each live process's user + system time and that of
 * its children already reaped (a PostgreSQL backend that ended counts in its postmaster's).
 */
export function readProcessTreeCpuMs(rootPid: number): number {
  ticksPerSecond ??=
    Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields 14–17 (utime, stime, cutime, cstime), counted from the state field after ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // Ended meanwhile; its time moved to its parent's reaped-children count.
    }
  }
  return (ticks / ticksPerSecond) * 1000;
}

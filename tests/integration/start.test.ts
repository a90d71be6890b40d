import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** The pids whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

let server: ServerProcess | undefined;
afterEach(() => {
  server?.child.kill('SIGKILL');
  server = undefined;
});

describe('the start command', () => {
  test('serves health, the template list and printable template previews on the printed URL', async () => {
    server = await startServerProcess();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const health = await fetch(new URL('/healthz', server.url));
    expect(health.status).toBe(200);

    const templates = (await (await fetch(new URL('/api/templates', server.url))).json()) as {
      id: string;
      title: string;
      description: string;
    }[];
    expect(templates.map((template) => template.id)).toEqual([
      'barriers',
      'roles-working-session',
      'data-review',
      'meeting-calendar',
      'assessment',
      'referral-pathway',
    ]);
    expect(
      templates.every((template) => template.title !== '' && template.description !== ''),
    ).toBe(true);

    const preview = await fetch(new URL('/api/templates/meeting-calendar/preview', server.url));
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await preview.text()).toContain('Kick-off meeting and goal-setting session');

    const markdown = await fetch(
      new URL('/api/templates/assessment/preview?format=md', server.url),
    );
    expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await markdown.text()).toContain(
      'Assign responsibility for scheduling appointments to a school-based coordinator.',
    );

    const home = await (await fetch(server.url)).text();
    expect(home).toContain('<div id="root">');
  });

  test('serves compiled JavaScript from one process, with no TypeScript loader, compiling only when the sources changed', async () => {
    // The first start may compile (a fresh checkout); a second one finds the compiled server current.
    server = await startServerProcess();
    server.child.kill('SIGKILL');
    server = await startServerProcess();
    expect(server.output()).not.toContain('Compiling the server');
    const pid = server.child.pid!;
    expect(childrenOf(pid)).toEqual([]);
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(commandLine.some((part) => /tsx/.test(part))).toBe(false);
    const loaded = readFileSync(`/proc/${pid}/maps`, 'utf8');
    expect(loaded).not.toMatch(/esbuild|tsx/);
    const health = await fetch(new URL('/healthz', server.url));
    expect(health.status).toBe(200);
  });

  test('answers unknown templates and paths with a JSON error a person can act on', async () => {
    server = await startServerProcess();
    const missing = await fetch(new URL('/api/templates/nope/preview', server.url));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: expect.stringContaining('GET /api/templates lists'),
    });
    const badFormat = await fetch(
      new URL('/api/templates/barriers/preview?format=pdf', server.url),
    );
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toEqual({ error: expect.stringContaining('use html or md') });
  });

  test('R18: SIGTERM, even sent twice, stops the server cleanly with exit code 0', async () => {
    server = await startServerProcess();
    server.child.kill('SIGTERM');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  test('R18: SIGTERM sent to `npm start`, as a process manager sends it, reaches the server and stops it cleanly', async () => {
    server = await startServerProcess({}, { throughNpm: true });
    const serverPids = childrenOf(server.child.pid!);
    expect(serverPids).toHaveLength(1);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"signal":"SIGTERM"');
    // Without `exec` in the script, npm's shell took the signal and the server went on serving.
    expect(existsSync(`/proc/${serverPids[0]}`)).toBe(false);
    await expect(fetch(new URL('/healthz', server.url))).rejects.toThrow();
  });

  test('refuses to start with a PORT that is not a port, and says why', async () => {
    await expect(startServerProcess({ PORT: 'eighty' })).rejects.toThrow(
      /PORT must be a whole number/,
    );
  });

  test('a port already in use stops the start with exit code 1 and the reason, not a silent exit 0', async () => {
    server = await startServerProcess();
    const { port } = new URL(server.url);
    await expect(startServerProcess({ PORT: port })).rejects.toThrow(
      /exited \(1\)[\s\S]*Pathways cannot start: listen EADDRINUSE/,
    );
  });
});

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { CLIENT_DIR, clientRoutes } from '../../../sync-server/routes/client.ts';
import { chooseEncoding } from '../../../sync-server/routes/content-encoding.ts';

const script = 'export const greeting = "hello";\n'.repeat(200);
const build = mkdtempSync(join(tmpdir(), 'pathways-static-'));
mkdirSync(join(build, 'assets'));
writeFileSync(
  join(build, 'index.html'),
  '<!doctype html><title>Pathways</title><script type="module" src="/assets/app-abc123.js"></script>',
);
writeFileSync(join(build, 'assets', 'app-abc123.js'), script);
// Only brotli is prepared for this file: gzip must be made by the server.
writeFileSync(join(build, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
writeFileSync(join(build, 'sw.js'), 'self.addEventListener("fetch", () => {});');
afterAll(() => rmSync(build, { recursive: true, force: true }));

const routes = clientRoutes(build);
const get = (path: string, acceptEncoding?: string) =>
  routes.request(path, {
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('the client static route', () => {
  test('answers brotli when the browser accepts it, from what the build prepared', async () => {
    const response = await get('/assets/app-abc123.js', 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(script);
  });

  test('answers gzip when only gzip is accepted, compressing once when the build did not', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await get('/assets/app-abc123.js', 'gzip');
      expect(response.headers.get('content-encoding')).toBe('gzip');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.byteLength).toBeLessThan(script.length / 4);
      expect(Number(response.headers.get('content-length'))).toBe(body.byteLength);
      expect(gunzipSync(body).toString()).toBe(script);
    }
  });

  test('answers identity when no encoding is accepted or the accepted ones are refused', async () => {
    for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const response = await get('/assets/app-abc123.js', header);
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      expect(await response.text()).toBe(script);
    }
  });

  test('page routes answer index.html, never cached without asking (link pages not at all); the service worker neither', async () => {
    for (const path of ['/', '/w/abc', '/d/xyz']) {
      const response = await get(path, 'gzip');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toContain(
        '<title>Pathways</title>',
      );
    }
    // A survey link or join code is its path: never kept by a cache, never sent on as a Referer.
    for (const path of ['/s/secret-survey-token', '/j/123456']) {
      const response = await get(path, 'br');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    }
    const worker = await get('/sw.js');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(await worker.text()).toContain('addEventListener');
  });

  test('keeps each answer in memory after the first request, as the build does not change while the server runs', async () => {
    const late = 'console.log("late");\n'.repeat(100);
    writeFileSync(join(build, 'assets', 'late-def456.js'), late);
    const first = await get('/assets/late-def456.js', 'gzip, br');
    expect(first.headers.get('content-encoding')).toBe('gzip');
    rmSync(join(build, 'assets', 'late-def456.js'));
    const again = await get('/assets/late-def456.js', 'gzip, br');
    expect(again.status).toBe(200);
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(Buffer.from(await again.arrayBuffer())).toString()).toBe(late);
  });

  test('precompressed files are not served under their own names, and unknown paths fall through', async () => {
    expect((await get('/assets/app-abc123.js.br')).status).toBe(404);
    expect((await get('/assets/missing.js')).status).toBe(404);
  });
});

describe('choosing an encoding', () => {
  test('prefers the first available coding the header allows, honouring q-values and *', () => {
    expect(chooseEncoding('gzip, br', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('gzip;q=1, br;q=0.5', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('*', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('*, br;q=0', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('GZIP', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('', ['br', 'gzip'])).toBe('identity');
    expect(chooseEncoding('br', [])).toBe('identity');
  });
});

describe('the production build', () => {
  test('has brotli and gzip next to every script and stylesheet', () => {
    const assets = join(CLIENT_DIR, 'assets');
    const scripts = readdirSync(assets).filter(
      (name) => name.endsWith('.js') || name.endsWith('.css'),
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const original = readFileSync(join(assets, name));
      expect(existsSync(join(assets, `${name}.br`)), `${name}.br`).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(assets, `${name}.br`))).equals(original)).toBe(
        true,
      );
      expect(gunzipSync(readFileSync(join(assets, `${name}.gz`))).equals(original)).toBe(true);
    }
  });
});

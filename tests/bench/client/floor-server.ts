import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { viteBuild } from '../../../sync-server/client-build.ts';
import type { BenchDocument } from './documents.ts';

const CONFIG = join(dirname(fileURLToPath(import.meta.url)), 'floor-page', 'vite.config.ts');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The load floor (floor-page/), built and served on loopback, brotli-compressed as the app's server does. */
export interface FloorPage {
  /** The floor's address for a document of the relay at `relayHttpUrl`, opening the note `noteId`. */
  urlFor(document: BenchDocument, relayHttpUrl: string, noteId: string): string;
  stop(): Promise<void>;
}

export async function startFloorPage(): Promise<FloorPage> {
  const outDir = mkdtempSync(join(tmpdir(), 'pathways-load-floor-'));
  viteBuild(['--config', CONFIG, '--outDir', outDir]);
  const files = new Map<string, Buffer>();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else
        files.set(
          `/${prefix}${entry.name}`,
          brotliCompressSync(readFileSync(join(dir, entry.name)), {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
          }),
        );
    }
  };
  walk(outDir, '');
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://floor').pathname;
    const body = files.get(path === '/' ? '/index.html' : path);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'text/html; charset=utf-8',
      'content-encoding': 'br',
      'content-length': body.byteLength,
      'cache-control': 'no-cache',
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    urlFor: (document, relayHttpUrl, noteId) => {
      const url = new URL(base);
      url.search = new URLSearchParams({
        relay: `${relayHttpUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/sync`,
        doc: document.id,
        token: document.token,
        note: noteId,
      }).toString();
      return url.href;
    },
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

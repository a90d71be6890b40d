import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The text files of the build, which compress to a third or less. */
const TEXT_FILE = /\.(js|css|html|svg|webmanifest)$/;

/**
 * Writes `name.br` and `name.gz` next to every text file of the build, at the highest levels
 * (too slow to do per request), so the server sends a third of the bytes without compressing
 * anything itself (sync-server/routes/static-files.ts).
 */
export function precompress(): Plugin {
  return {
    name: 'pathways-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const names = Object.keys(bundle).filter((name) => TEXT_FILE.test(name));
      await Promise.all(
        names.map(async (name) => {
          const path = join(options.dir!, name);
          const content = await readFile(path);
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: content.byteLength,
              },
            }),
            gzipped(content, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}

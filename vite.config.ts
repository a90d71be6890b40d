import react from '@vitejs/plugin-react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

const projectDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes `name.br` and `name.gz` next to every text file of the build, at the highest levels
 * (too slow to do per request), so the server sends a third of the bytes without compressing
 * anything itself (sync-server/routes/client.ts).
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: 'pathways-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const names = Object.keys(bundle).filter((name) => /\.(js|css|html|svg|webmanifest)$/.test(name));
      await Promise.all(
        names.map(async (name) => {
          const path = join(options.dir!, name);
          const content = await readFile(path);
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.byteLength } }),
            gzipped(content, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}

/**
 * Rolldown wraps each CommonJS module (React, React DOM, the scheduler) in an arrow function that
 * runs when the module is first required. V8 compiles a parenthesized `function` expression
 * eagerly, on the thread that streams the script in; a wrapping arrow it compiles lazily, on the
 * main thread, the moment it is called, and React DOM's holds 200 KB of code. As functions, a
 * document page's first load was 62 ms faster (median of 24 paired loads; tests/bench/client/
 * README.md, "What the first load is made of"). A function is also what Node wraps a CommonJS
 * module in; Rolldown already passes `this` in as a parameter. Done before the minifier runs,
 * which keeps function expressions as they are.
 */
export function eagerCommonJsWrappers(): Plugin {
  const lazyWrapper = /__commonJSMin\(\(\(((?:exports|module|this\$\d+)(?:, (?:exports|module|this\$\d+))*)\) => \{/g;
  return {
    name: 'pathways-eager-commonjs-wrappers',
    apply: 'build',
    renderChunk(code) {
      if (!code.includes('__commonJSMin(((')) return null;
      // Only each wrapper's opening line changes, and its body starts on the next: source maps stay right.
      return { code: code.replace(lazyWrapper, '__commonJSMin((function($1) {'), map: null };
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The budget the bundle test enforces is on gzip size; this only keeps Vite's warning meaningful.
    chunkSizeWarningLimit: 800,
    cssCodeSplit: false,
  },
  plugins:
    mode === 'test'
      ? []
      : [
          react(),
          eagerCommonJsWrappers(),
          precompress(),
          VitePWA({
            registerType: 'autoUpdate',
            injectRegister: false,
            manifest: {
              name: 'Pathways',
              short_name: 'Pathways',
              description: 'Shared worksheets for districts and community mental-health providers',
              theme_color: '#0b4f9c',
              background_color: '#ffffff',
              display: 'standalone',
              icons: [],
            },
            workbox: {
              // The app shell answers every page route offline; the API and sync never come from cache.
              navigateFallback: '/index.html',
              navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/healthz/, /^\/metrics/],
              globPatterns: ['**/*.{js,css,html,svg,woff2}'],
              // Take over the open page at once, so the first visit already works offline.
              clientsClaim: true,
              skipWaiting: true,
            },
          }),
        ],
  test: {
    root: projectDir,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/build-client.ts'],
    reporters: ['default'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
}));

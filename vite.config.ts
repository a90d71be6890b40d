import react from '@vitejs/plugin-react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, Rolldown } from 'vite';
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

/** The modules a page's files are built around, by path from the project directory. */
const ROOTS = {
  /** The entry (index.html's script), on every page. */
  entry: 'client/main.tsx',
  /** React and the app's router, home and workspace pages, loaded by the entry on every page. */
  app: 'client/render-app.tsx',
  /** What the entry starts loading on a document's address (client/early-start.ts): the page, */
  documentPage: 'client/pages/document-page.tsx',
  /** and the module that opens its session while the page's code loads. */
  earlySession: 'client/sync/open-session.ts',
  /** The sync session (Yjs and the relay's provider): the pages that open a document import it. */
  session: 'client/sync/document-session.ts',
};

/** Every module statically imported from `roots`, directly or not, with the roots. */
function staticGraph(roots: readonly string[], context: Rolldown.ChunkingContext): Set<string> {
  const graph = new Set<string>();
  const pending = [...roots];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (graph.has(id)) continue;
    graph.add(id);
    pending.push(...(context.getModuleInfo(id)?.importedIds ?? []));
  }
  return graph;
}

/** Which group each module goes to (see routeChunks). */
function planRouteChunks(context: Rolldown.ChunkingContext): Map<string, string> {
  const [entry, app, page, earlySession, session] = [ROOTS.entry, ROOTS.app, ROOTS.documentPage, ROOTS.earlySession, ROOTS.session].map((path) => {
    const id = join(projectDir, path);
    if (context.getModuleInfo(id) === null) throw new Error(`vite.config.ts: ${path} is not in the build; update ROOTS`);
    return id;
  }) as [string, string, string, string, string];
  const entryGraph = staticGraph([entry], context);
  const everyPage = staticGraph([entry, app], context);
  // The pages the app's router loads lazily, other than the document page: follow-ups, projector, print, survey.
  const lazyPages = [...everyPage].flatMap((id) => context.getModuleInfo(id)!.dynamicallyImportedIds).filter((id) => id !== app && id !== page && id !== earlySession);
  const otherPageGraphs = lazyPages.map((lazyPage) => staticGraph([lazyPage], context));
  const otherPages = new Set(otherPageGraphs.flatMap((graph) => [...graph]));
  const pagesOpeningDocuments = new Set(otherPageGraphs.filter((graph) => graph.has(session)).flatMap((graph) => [...graph]));
  const documentRoute = staticGraph([page, earlySession], context);
  // A module loaded with import() starts a chunk of its own, except the early session: it is
  // small and needs the session's chunk anyway.
  const groupable = (id: string) => id === earlySession || context.getModuleInfo(id)!.dynamicImporters.length === 0;
  const plan = new Map<string, string>();
  for (const id of staticGraph([app], context)) {
    if (!entryGraph.has(id) && (otherPages.has(id) || documentRoute.has(id)) && groupable(id)) plan.set(id, 'app-shared');
  }
  for (const id of documentRoute) {
    if (everyPage.has(id) || !groupable(id)) continue;
    if (pagesOpeningDocuments.has(id) || id === earlySession) plan.set(id, 'document-shared');
    // Shared only with pages that open no document (the survey form's API): small, and kept off
    // the survey page's way to Yjs.
    else if (otherPages.has(id)) plan.set(id, 'app-shared');
  }
  return plan;
}

/**
 * How the pages' code is cut into files. Left to itself, Rolldown makes a chunk for every set of
 * pages that share some modules, and a document page needed 16 script files; a browser fetches six
 * at a time from one server over HTTP/1.1, so they arrived in three rounds. Here, what the app's
 * pages share with each other (React, the router) is one chunk, and what the document page shares
 * with the other pages that open a document (Yjs, the document model, the sync session, the table
 * cells) is another: a document page needs 6 script files. Its first load was 86–92 ms faster when
 * they went from 16 to 8, and 40–49 ms faster again from 8 to 6 (medians of two runs of 32 paired
 * loads each; tests/bench/client/README.md). What only the document page uses (Tiptap) stays in
 * its own chunk, so the home page still does not download it. Modules are not pulled into a group
 * through their imports (`includeDependenciesRecursively`): the entry's and the app's stay where
 * they are, so the home page loads none of the document's code.
 */
export function routeChunks(): Rolldown.CodeSplittingOptions {
  const plans = new WeakMap<Rolldown.ModuleInfo, Map<string, string>>();
  return {
    groups: [
      {
        debugName: 'route-chunks',
        includeDependenciesRecursively: false,
        name(id, context) {
          // The module graph is the same for every call of one build; each build has its own.
          const entry = context.getModuleInfo(join(projectDir, ROOTS.entry));
          if (entry === null) return null;
          let plan = plans.get(entry);
          if (plan === undefined) plans.set(entry, (plan = planRouteChunks(context)));
          return plan.get(id) ?? null;
        },
      },
    ],
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
    rolldownOptions: {
      output: {
        codeSplitting: routeChunks(),
        // One character outside Latin-1 (linkify's list of top-level domains, a "…" in a label)
        // makes Chromium decode a whole script to two-byte text before V8 parses it: 87 ms of
        // decoding, off the main thread but on a two-core machine, for the document page's two
        // largest chunks in a trace here. Escaped, every script is ASCII. Paired loads: −23 ms
        // median of 32 pairs, within noise.
        charset: 'ascii',
      },
    },
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
              // /auth/ too: the sign-in redirects and the callback must reach the server, never the shell.
              navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/auth\//, /^\/healthz/, /^\/metrics/],
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
    globalSetup: ['tests/support/build-client.ts', 'tests/support/system-packages-setup.ts'],
    reporters: ['default'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
}));

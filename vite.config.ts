import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vite';
import { eagerCommonJsWrappers } from './client/build/eager-commonjs-wrappers.ts';
import { precompress } from './client/build/precompress.ts';
import { routeChunks } from './client/build/route-chunks.ts';

/** The client's build. Test settings are in vitest.config.ts; why each setting earns its place, with figures, in tests/bench/README.md ("Build settings"). */
export default defineConfig({
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
        // makes Chromium decode a whole script to two-byte text before V8 parses it; escaped,
        // every script is ASCII and stays one-byte text.
        charset: 'ascii',
      },
    },
  },
  plugins: [
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
      // Our own worker (client/sw.ts, built as /sw.js, the name browsers already have registered):
      // a document's address goes to the server first, for its first screen; other pages to the
      // cached shell.
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
      },
    }),
  ],
});

import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

const projectDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The budget the bundle test enforces is on gzip size; this only keeps Vite's warning meaningful.
    chunkSizeWarningLimit: 800,
  },
  plugins:
    mode === 'test'
      ? []
      : [
          react(),
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

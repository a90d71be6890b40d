import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { eagerCommonJsWrappers } from '../../../../vite.config.ts';

/** Builds the load floor (see main.tsx) as the app is built, with the same eager React wrappers, minus the app's service worker. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: { emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  plugins: [react(), eagerCommonJsWrappers()],
});

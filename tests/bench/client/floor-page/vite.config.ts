import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { eagerCommonJsWrappers } from '../../../../client/build/eager-commonjs-wrappers.ts';

/** Builds the load floor (see main.tsx) as the app is built, with the same eager React wrappers and ASCII output, minus the app's service worker and chunks. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { output: { charset: 'ascii' } },
  },
  plugins: [react(), eagerCommonJsWrappers()],
});

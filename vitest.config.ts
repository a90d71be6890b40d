import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The tests: unit, integration and browser tests, all under tests/. They run without the build's
 * plugins; the browser tests load the client the global setup builds, as `npm start` would.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/build-client.ts', 'tests/support/system-packages-setup.ts'],
    reporters: ['default'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../sync-server/server.ts';
import { launchChromium } from './browser.ts';
import { createWorkspace, startTestServer, type Workspace } from './test-server.ts';

export interface BrowserScene {
  server: RunningServer;
  browser: Browser;
  workspace: Workspace;
}

/** A browser test file's shared set-up: the real server, Chromium, and one workspace; all closed after. */
export function useBrowserScene(env: Record<string, string> = {}): BrowserScene {
  const scene = {} as BrowserScene;
  beforeAll(async () => {
    scene.server = await startTestServer(env);
    scene.browser = await launchChromium();
    scene.workspace = await createWorkspace(scene.server.url);
  });
  afterAll(async () => {
    await scene.browser?.close();
    await scene.server?.stop();
  });
  return scene;
}

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../sync-server/server.ts';
import { launchChromium } from './browser.ts';
import { createWorkspace, startTestServer, type Workspace } from './test-server.ts';

export interface BrowserScene {
  server: RunningServer;
  browser: Browser;
  workspace: Workspace;
  /** A document's page on the scene's server, opened with `token` (the workspace's editor link by default). */
  documentUrl(documentId: string, token?: string): string;
}

/** A browser test file's shared set-up: the real server, Chromium, and one workspace; all closed after. */
export function useBrowserScene(env: Record<string, string> = {}): BrowserScene {
  const scene = {
    documentUrl: (documentId: string, token = scene.workspace.tokens.editor) =>
      new URL(`/d/${documentId}?token=${token}`, scene.server.url).href,
  } as BrowserScene;
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

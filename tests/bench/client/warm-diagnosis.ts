import { chromium } from 'playwright-core';
import { startTestServer } from '../../support/test-server.ts';
import { BenchDocuments, documentPath } from './documents.ts';
import { CHROMIUM_PATH } from '../../support/browser.ts';

const server = await startTestServer();
const documents = await BenchDocuments.open(server.url);
const doc = await documents.createLargeDataReview(200);
const url = new URL(documentPath(doc), server.url).href;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const first = await context.newPage();
await first.goto(url);
await first.locator('.ProseMirror[contenteditable="true"]').first().waitFor({ timeout: 60_000 });
await first.getByText('All changes synced').waitFor({ timeout: 60_000 });
for (let i = 0; i < 100; i++) {
  if (await first.evaluate('navigator.serviceWorker.controller !== null')) break;
  await first.waitForTimeout(100);
}
await first.waitForTimeout(2000);
const idb = await first.evaluate(`new Promise((resolve) => {
  const request = indexedDB.open(${JSON.stringify(`pathways:${doc.id}`)});
  request.onsuccess = () => {
    const all = request.result.transaction('updates').objectStore('updates').getAll();
    all.onsuccess = () => resolve(all.result.map((u) => u.byteLength));
  };
})`);
console.log('IndexedDB updates after the first visit (bytes):', JSON.stringify(idb));
await first.close();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const started = Date.now();
await page.goto(url);
await page.locator('.ProseMirror[contenteditable="true"]').first().waitFor({ timeout: 60_000 });
console.log('warm editable after', Date.now() - started, 'ms');
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas ?? [];
(profile.samples ?? []).forEach((id, i) => {
  const node = byId.get(id)!;
  const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.replace(/^.*\//, '')}:${node.callFrame.lineNumber}:${node.callFrame.columnNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)} ms ${k}`).join('\n'));
await browser.close();
await server.stop();
process.exit(0);

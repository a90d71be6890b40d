import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  planRouteChunks,
  ROUTE_ROOTS,
  type ModuleGraph,
} from '../../../client/build/route-chunks.ts';

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));
const root = (name: keyof typeof ROUTE_ROOTS) => join(projectDir, ROUTE_ROOTS[name]);

interface Module {
  readonly imports?: readonly string[];
  readonly lazy?: readonly string[];
}

/** A module graph as Rolldown reports it, from each module's static and dynamic imports. */
function moduleGraph(modules: Record<string, Module>): ModuleGraph {
  const dynamicImporters = new Map<string, string[]>();
  for (const [id, module] of Object.entries(modules)) {
    for (const lazy of module.lazy ?? [])
      dynamicImporters.set(lazy, [...(dynamicImporters.get(lazy) ?? []), id]);
  }
  return {
    getModuleInfo(id) {
      const module = modules[id];
      if (module === undefined) return null;
      return {
        importedIds: module.imports ?? [],
        dynamicallyImportedIds: module.lazy ?? [],
        dynamicImporters: dynamicImporters.get(id) ?? [],
      };
    },
  };
}

/** The app's shape in small: an entry that loads the app or a document page, lazy pages, a sync session. */
const app: Record<string, Module> = {
  [root('entry')]: {
    imports: ['early-start'],
    lazy: [root('app'), root('documentPage'), root('earlySession')],
  },
  'early-start': { imports: ['route-patterns'] },
  'route-patterns': {},
  [root('app')]: {
    imports: ['react', 'router', 'home-page', 'route-patterns'],
    lazy: ['projector-page', 'survey-page', root('documentPage')],
  },
  react: {},
  router: { imports: ['react'] },
  'home-page': { imports: ['react'] },
  [root('documentPage')]: {
    imports: ['react', root('session'), 'tiptap', 'table-cells', 'survey-api'],
    lazy: ['charts'],
  },
  [root('earlySession')]: { imports: [root('session')] },
  [root('session')]: { imports: ['yjs'] },
  yjs: {},
  tiptap: {},
  'table-cells': { imports: ['yjs'] },
  charts: { imports: ['yjs'] },
  'projector-page': { imports: ['react', 'router', root('session'), 'table-cells', 'qr-code'] },
  'qr-code': {},
  'survey-page': { imports: ['react', 'survey-api'] },
  'survey-api': {},
};

describe('planning the route chunks', () => {
  const plan = planRouteChunks(moduleGraph(app));

  test('what the pages share with each other (React, the router) is one chunk; what only the app shell uses stays there', () => {
    expect(plan.get('react')).toBe('app-shared');
    expect(plan.get('router')).toBe('app-shared');
    expect(plan.has('home-page')).toBe(false);
  });

  test('what the document page shares with other pages that open a document is another, with the early session', () => {
    for (const id of [root('session'), 'yjs', 'table-cells', root('earlySession')])
      expect(plan.get(id), id).toBe('document-shared');
  });

  test('code shared only with pages that open no document stays off their way to Yjs', () => {
    expect(plan.get('survey-api')).toBe('app-shared');
  });

  test("the entry's modules, one page's own code and lazily loaded modules keep their own chunks", () => {
    for (const id of [
      'early-start',
      'route-patterns',
      'home-page',
      'tiptap',
      'qr-code',
      'charts',
      root('documentPage'),
      root('app'),
      root('entry'),
    ]) {
      expect(plan.has(id), id).toBe(false);
    }
  });

  test('a root missing from the build is named, so a moved file is noticed at build time', () => {
    const withoutSession = Object.fromEntries(
      Object.entries(app).filter(([id]) => id !== root('session')),
    );
    expect(() => planRouteChunks(moduleGraph(withoutSession))).toThrow(ROUTE_ROOTS.session);
  });
});

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rolldown } from 'vite';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

/** The modules a page's files are built around, by path from the project directory. */
export const ROUTE_ROOTS = {
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
} as const;

/** The two chunks the pages' shared code is grouped into (see routeChunks). */
export type RouteChunk = 'app-shared' | 'document-shared';

/** What the plan reads of a build's module graph: the part of Rolldown's ChunkingContext it uses. */
export interface ModuleGraph {
  getModuleInfo(id: string): {
    readonly importedIds: readonly string[];
    readonly dynamicallyImportedIds: readonly string[];
    readonly dynamicImporters: readonly string[];
  } | null;
}

/** Every module statically imported from `roots`, directly or not, with the roots. */
function staticGraph(roots: readonly string[], graph: ModuleGraph): Set<string> {
  const reached = new Set<string>();
  const pending = [...roots];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    pending.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return reached;
}

/** Which chunk each grouped module goes to (see routeChunks); modules not named keep Rolldown's own chunking. */
export function planRouteChunks(graph: ModuleGraph): Map<string, RouteChunk> {
  const {
    entry: entryPath,
    app: appPath,
    documentPage,
    earlySession: earlySessionPath,
    session: sessionPath,
  } = ROUTE_ROOTS;
  const [entry, app, page, earlySession, session] = [
    entryPath,
    appPath,
    documentPage,
    earlySessionPath,
    sessionPath,
  ].map((path) => {
    const id = join(projectDir, path);
    if (graph.getModuleInfo(id) === null)
      throw new Error(
        `client/build/route-chunks.ts: ${path} is not in the build; update ROUTE_ROOTS`,
      );
    return id;
  }) as [string, string, string, string, string];
  const entryGraph = staticGraph([entry], graph);
  const everyPage = staticGraph([entry, app], graph);
  // The pages the app's router loads lazily, other than the document page: follow-ups, projector, print, survey.
  const lazyPages = [...everyPage]
    .flatMap((id) => graph.getModuleInfo(id)!.dynamicallyImportedIds)
    .filter((id) => id !== app && id !== page && id !== earlySession);
  const otherPageGraphs = lazyPages.map((lazyPage) => staticGraph([lazyPage], graph));
  const otherPages = new Set(otherPageGraphs.flatMap((pageGraph) => [...pageGraph]));
  const pagesOpeningDocuments = new Set(
    otherPageGraphs
      .filter((pageGraph) => pageGraph.has(session))
      .flatMap((pageGraph) => [...pageGraph]),
  );
  const documentRoute = staticGraph([page, earlySession], graph);
  // A module loaded with import() starts a chunk of its own, except the early session: it is
  // small and needs the session's chunk anyway.
  const groupable = (id: string) =>
    id === earlySession || graph.getModuleInfo(id)!.dynamicImporters.length === 0;
  const plan = new Map<string, RouteChunk>();
  for (const id of staticGraph([app], graph)) {
    if (!entryGraph.has(id) && (otherPages.has(id) || documentRoute.has(id)) && groupable(id))
      plan.set(id, 'app-shared');
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
 * cells) is another: a document page needs 6 script files, and its first load is faster for it
 * (tests/bench/README.md, "Build settings"). What only the document page uses (Tiptap) stays in
 * its own chunk, so the home page still does not download it. Modules are not pulled into a group
 * through their imports (`includeDependenciesRecursively`): the entry's and the app's stay where
 * they are, so the home page loads none of the document's code.
 */
export function routeChunks(): Rolldown.CodeSplittingOptions {
  const plans = new WeakMap<Rolldown.ModuleInfo, Map<string, RouteChunk>>();
  return {
    groups: [
      {
        debugName: 'route-chunks',
        includeDependenciesRecursively: false,
        name(id, context) {
          // The module graph is the same for every call of one build; each build has its own.
          const entry = context.getModuleInfo(join(projectDir, ROUTE_ROOTS.entry));
          if (entry === null) return null;
          let plan = plans.get(entry);
          if (plan === undefined) plans.set(entry, (plan = planRouteChunks(context)));
          return plan.get(id) ?? null;
        },
      },
    ],
  };
}

/**
 * What this device remembers between visits, in localStorage: the links it joined (tokens by
 * workspace), which workspace each document belongs to, and the display name. Tokens stay on the
 * device and leave the address bar, so a shared screen or a screenshot does not leak them.
 */
export type Role = 'owner' | 'editor' | 'viewer';

export interface JoinedWorkspace {
  readonly id: string;
  readonly name: string;
  readonly token: string;
  readonly role: Role;
  /** Links created on this device, shown again on the home page for the owner to copy. */
  readonly shareTokens?: { readonly editor: string; readonly viewer: string };
}

const WORKSPACES = 'pathways:workspaces';
const DOCUMENT_TOKENS = 'pathways:document-tokens';
const DOCUMENT_WORKSPACES = 'pathways:document-workspaces';
const DISPLAY_NAME = 'pathways:display-name';
const PARTICIPANT_ID = 'pathways:participant-id';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  localStorage.setItem(key, JSON.stringify(value));
}

export function listJoinedWorkspaces(): JoinedWorkspace[] {
  return Object.values(read<Record<string, JoinedWorkspace>>(WORKSPACES, {}));
}

export function findJoinedWorkspace(id: string): JoinedWorkspace | null {
  return read<Record<string, JoinedWorkspace>>(WORKSPACES, {})[id] ?? null;
}

export function rememberWorkspace(workspace: JoinedWorkspace): void {
  const all = read<Record<string, JoinedWorkspace>>(WORKSPACES, {});
  const previous = all[workspace.id];
  // A viewer link opened after an editor link must not take the editor's place on this device.
  const rank: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };
  if (
    previous !== undefined &&
    rank[previous.role] > rank[workspace.role] &&
    previous.token !== workspace.token
  ) {
    all[workspace.id] = { ...previous, name: workspace.name };
  } else {
    all[workspace.id] = { ...previous, ...workspace };
  }
  write(WORKSPACES, all);
}

export function forgetWorkspace(id: string): void {
  const all = read<Record<string, JoinedWorkspace>>(WORKSPACES, {});
  delete all[id];
  write(WORKSPACES, all);
}

/** The token to open a document with: its own share link's, else its workspace's. */
export function tokenForDocument(documentId: string): string | null {
  const own = read<Record<string, string>>(DOCUMENT_TOKENS, {})[documentId];
  if (own !== undefined) return own;
  const workspaceId = read<Record<string, string>>(DOCUMENT_WORKSPACES, {})[documentId];
  return workspaceId === undefined ? null : (findJoinedWorkspace(workspaceId)?.token ?? null);
}

export function rememberDocumentToken(documentId: string, token: string): void {
  write(DOCUMENT_TOKENS, {
    ...read<Record<string, string>>(DOCUMENT_TOKENS, {}),
    [documentId]: token,
  });
}

export function rememberDocumentWorkspace(documentId: string, workspaceId: string): void {
  write(DOCUMENT_WORKSPACES, {
    ...read<Record<string, string>>(DOCUMENT_WORKSPACES, {}),
    [documentId]: workspaceId,
  });
}

export function workspaceOfDocument(documentId: string): string | null {
  return read<Record<string, string>>(DOCUMENT_WORKSPACES, {})[documentId] ?? null;
}

export function readDisplayName(): string | null {
  const name = read<string | null>(DISPLAY_NAME, null);
  return typeof name === 'string' && name.trim() !== '' ? name : null;
}

export function writeDisplayName(name: string): void {
  write(DISPLAY_NAME, name.trim());
}

/**
 * This device's participant id, made on first use and kept: rubric answers are keyed by it, so
 * changing one's name keeps one's answers. Random, so it says nothing about the person.
 */
export function readParticipantId(): string {
  const kept = read<string | null>(PARTICIPANT_ID, null);
  if (typeof kept === 'string' && /^[a-z0-9-]{8,64}$/.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  const id = 'p-' + [...bytes].map((byte) => byte.toString(36).padStart(2, '0')).join('');
  try {
    write(PARTICIPANT_ID, id);
  } catch {
    // Storage full or blocked: the id lasts as long as the page.
  }
  return id;
}

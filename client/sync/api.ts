import type { Role } from './device-store.ts';

/** An API answer that is not 2xx, with the server's message for a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TemplateSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

export interface DocumentSummary {
  readonly id: string;
  readonly title: string;
  readonly template: string | null;
  readonly updatedAt: string;
}

export interface DocumentInfo extends DocumentSummary {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly role: Role;
  /** True for a join link: it opens this document only, so the device must not list its workspace. */
  readonly documentOnly?: boolean;
}

async function request<T>(
  path: string,
  init: { method?: string; token?: string | null; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'You seem to be offline. What you do here is saved on this device.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(response.status, body?.error ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}

export const api = {
  listTemplates: () => request<TemplateSummary[]>('/api/templates'),
  createWorkspace: (name: string) =>
    request<{ id: string; name: string; tokens: Record<Role, string> }>('/api/workspaces', {
      body: { name },
    }),
  readWorkspace: (id: string, token: string) =>
    request<{ id: string; name: string; role: Role }>(`/api/workspaces/${encodeURIComponent(id)}`, {
      token,
    }),
  deleteDocument: (documentId: string, token: string) =>
    request<{ deleted: true }>(`/api/documents/${encodeURIComponent(documentId)}`, {
      method: 'DELETE',
      token,
    }),
  listDocuments: (workspaceId: string, token: string) =>
    request<DocumentSummary[]>(`/api/workspaces/${encodeURIComponent(workspaceId)}/documents`, {
      token,
    }),
  createDocument: (
    workspaceId: string,
    token: string,
    body: { title: string; template?: string },
  ) =>
    request<{ id: string }>(`/api/workspaces/${encodeURIComponent(workspaceId)}/documents`, {
      token,
      body,
    }),
  readDocument: (documentId: string, token: string) =>
    request<DocumentInfo>(`/api/documents/${encodeURIComponent(documentId)}`, { token }),
  /** The document of one meeting of a calendar row on one date, created the first time (idempotent). */
  openOccurrence: (calendarId: string, token: string, body: { row: string; date: string }) =>
    request<{ id: string; title: string; created: boolean }>(
      `/api/documents/${encodeURIComponent(calendarId)}/occurrences`,
      { token, body },
    ),
  /** "Adapt for a school": a school's calendar tied to this district calendar. */
  adaptForSchool: (calendarId: string, token: string, school: string) =>
    request<{ id: string; title: string }>(
      `/api/documents/${encodeURIComponent(calendarId)}/school-calendars`,
      { token, body: { school } },
    ),
};

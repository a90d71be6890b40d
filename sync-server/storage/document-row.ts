import type { DocumentRecord } from './document-store.ts';

/** A `documents` row as both SQL stores select it (the same column names in SQLite and PostgreSQL). */
export interface DocumentRow {
  id: string;
  workspace_id: string;
  title: string;
  template: string | null;
  created_at: string;
  updated_at: string;
}

export const toDocument = (row: DocumentRow): DocumentRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: row.title,
  template: row.template,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

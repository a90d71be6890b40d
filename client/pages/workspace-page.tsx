import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError, type DocumentSummary, type TemplateSummary } from '../sync/api.ts';
import { findJoinedWorkspace, rememberDocumentWorkspace } from '../sync/device-store.ts';
import {
  useMemberSession,
  useWorkspaceAccess,
  useWorkspaceToken,
} from '../sync/use-workspace-access.ts';
import { NoAccess } from './no-access.tsx';
import { ShareLinks } from './share-links.tsx';
import { DeleteDocumentDialog } from './delete-document-dialog.tsx';

// Made on first use, not when this module loads: a page's first Intl.DateTimeFormat loads the
// locale's calendar data, 45–55 ms alone on the two-core test machine and over 100 ms while a
// document page loads (which evaluates this module too).
let dateFormat: Intl.DateTimeFormat | null = null;
function formatDate(iso: string): string {
  dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return dateFormat.format(new Date(iso));
}

export function WorkspacePage({ workspaceId }: { readonly workspaceId: string }) {
  const linked = useWorkspaceToken(workspaceId);
  const session = useMemberSession(workspaceId, linked === null);
  const token = linked ?? session;
  if (token === 'looking') return null;
  if (token === null) return <NoAccess what="workspace" />;
  return <Workspace workspaceId={workspaceId} token={token} />;
}

function Workspace({
  workspaceId,
  token,
}: {
  readonly workspaceId: string;
  readonly token: string;
}) {
  const [, navigate] = useLocation();
  const searchId = useId();
  const { name, role, error } = useWorkspaceAccess(workspaceId, token);
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [query, setQuery] = useState('');
  const [deleting, setDeleting] = useState<DocumentSummary | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const documentsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    api.listDocuments(workspaceId, token).then(
      (list) => {
        // Remembered, so these documents open from their address even offline.
        for (const listed of list) rememberDocumentWorkspace(listed.id, workspaceId);
        setDocuments(list);
      },
      () => setDocuments([]),
    );
    api.listTemplates().then(setTemplates, () => {});
  }, [workspaceId, token]);

  useEffect(() => {
    document.title = `${name} · Pathways`;
  }, [name]);

  const templateTitle = (id: string | null) =>
    id === null ? 'Blank' : (templates.find((template) => template.id === id)?.title ?? id);
  const shown = (documents ?? []).filter((document) =>
    document.title.toLowerCase().includes(query.trim().toLowerCase()),
  );
  const joined = findJoinedWorkspace(workspaceId);

  return (
    <>
      <header className="topbar">
        <nav aria-label="Breadcrumb">
          <Link href="/">Pathways</Link>
        </nav>
      </header>
      <main id="main" className="page">
        <h1>{name}</h1>
        <p>
          <Link href={`/w/${workspaceId}/follow-ups`}>
            Follow-ups: every next step, by deadline
          </Link>
        </p>
        {role === 'owner' && (
          <p>
            <Link href={`/w/${workspaceId}/members`}>Members and audit log</Link>
          </p>
        )}
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {role !== 'viewer' && (
          <NewDocumentForm
            templates={templates}
            onCreate={async (title, template) => {
              const created = await api.createDocument(workspaceId, token, {
                title,
                ...(template !== '' && { template }),
              });
              rememberDocumentWorkspace(created.id, workspaceId);
              navigate(`/d/${created.id}`);
            }}
          />
        )}
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading" ref={documentsHeading} tabIndex={-1}>
            Documents
          </h2>
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
          <label htmlFor={searchId}>Search by title</label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          {documents === null ? (
            <p>Loading…</p>
          ) : shown.length === 0 ? (
            <p className="empty">
              {documents.length === 0 ? 'No documents yet.' : 'No document matches that title.'}
            </p>
          ) : (
            <div
              className="table-scroll"
              role="region"
              aria-label={`Documents in ${name}`}
              tabIndex={0}
            >
              <table className="document-list">
                <caption className="visually-hidden">Documents in {name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Template</th>
                    <th scope="col">Last change</th>
                    {role === 'owner' && (
                      <th scope="col" className="row-actions">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((document) => (
                    <tr key={document.id}>
                      <td>
                        <Link
                          href={`/d/${document.id}`}
                          onClick={() => rememberDocumentWorkspace(document.id, workspaceId)}
                        >
                          {document.title || 'Untitled document'}
                        </Link>
                      </td>
                      <td>{templateTitle(document.template)}</td>
                      <td>
                        <time dateTime={document.updatedAt}>{formatDate(document.updatedAt)}</time>
                      </td>
                      {role === 'owner' && (
                        <td className="row-actions">
                          <button
                            type="button"
                            className="danger"
                            aria-label={`Delete ${document.title || 'Untitled document'}`}
                            onClick={() => setDeleting(document)}
                          >
                            Delete
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {deleting !== null && (
          <DeleteDocumentDialog
            title={deleting.title || 'Untitled document'}
            onConfirm={() => api.deleteDocument(deleting.id, token).then(() => undefined)}
            onClose={(deleted) => {
              const gone = deleting;
              setDeleting(null);
              if (!deleted) return;
              setDocuments((list) => (list ?? []).filter((document) => document.id !== gone.id));
              setAnnouncement(`Deleted ${gone.title || 'Untitled document'}.`);
              // Its row and button are gone: focus goes to the list's heading, not to the page's start.
              documentsHeading.current?.focus();
            }}
          />
        )}
        {joined?.shareTokens !== undefined && (
          <ShareLinks workspaceId={workspaceId} tokens={joined.shareTokens} />
        )}
      </main>
    </>
  );
}

function NewDocumentForm({
  templates,
  onCreate,
}: {
  readonly templates: readonly TemplateSummary[];
  readonly onCreate: (title: string, template: string) => Promise<void>;
}) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card new-document"
      aria-labelledby={`${id}-heading`}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          await onCreate(
            title.trim() ||
              (templates.find((t) => t.id === template)?.title ?? 'Untitled document'),
            template,
          );
        } catch (failure) {
          setError(
            failure instanceof ApiError ? failure.message : 'Could not create the document.',
          );
          setBusy(false);
        }
      }}
    >
      <h2 id={`${id}-heading`}>New document</h2>
      <label htmlFor={`${id}-template`}>Start from</label>
      <select
        id={`${id}-template`}
        value={template}
        onChange={(event) => setTemplate(event.currentTarget.value)}
      >
        <option value="">A blank document</option>
        {templates.map((option) => (
          <option key={option.id} value={option.id}>
            {option.title}
          </option>
        ))}
      </select>
      {template !== '' && (
        <p className="hint">{templates.find((option) => option.id === template)?.description}</p>
      )}
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        placeholder="e.g. Fall kickoff working session"
      />
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Create document
      </button>
    </form>
  );
}

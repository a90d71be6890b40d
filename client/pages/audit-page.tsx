import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import '../identity/identity.css';
import { identityApi, type AuditEventView } from '../identity/identity-api.ts';
import { useOwnerToken } from '../identity/use-owner-token.ts';
import { ApiError } from '../sync/api.ts';

const actorText = (actor: AuditEventView['actor']): string =>
  actor.type === 'account'
    ? (actor.name ?? 'Signed-in person')
    : actor.type === 'link'
      ? `Someone with the ${actor.role} link`
      : actor.type === 'person'
        ? (actor.name ?? 'Someone')
        : 'Pathways';

const actionText = (action: string): string => action.replace(/-/g, ' ');

/** A date field's value as the start of that day in UTC (`to` is the day after, so the day is included). */
const dayQuery = (name: string, day: string, addDays = 0): string => {
  if (day === '') return '';
  const start = new Date(`${day}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + addDays);
  return `&${name}=${encodeURIComponent(start.toISOString())}`;
};

/** `/w/:ws/audit` (owners): the workspace's audit log, filtered by dates and action, with CSV and JSON-lines downloads. */
export function AuditPage({ workspaceId }: { readonly workspaceId: string }) {
  const token = useOwnerToken(workspaceId);
  const fromId = useId();
  const toId = useId();
  const actionId = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [action, setAction] = useState('');
  const [events, setEvents] = useState<AuditEventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setEvents(
        await identityApi.readAudit(
          workspaceId,
          token,
          dayQuery('from', from) + dayQuery('to', to, 1),
        ),
      );
      setError(null);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not read the audit log.');
    }
  }, [workspaceId, token, from, to]);

  useEffect(() => {
    document.title = 'Audit log · Pathways';
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on arrival: after that the form's Show button reloads, not every keystroke in a date field.
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load();
  };

  const download = async (format: 'csv' | 'jsonl') => {
    const response = await fetch(
      `/api/workspaces/${encodeURIComponent(workspaceId)}/audit?format=${format}${dayQuery('from', from)}${dayQuery('to', to, 1)}`,
      { headers: token === '' ? {} : { authorization: `Bearer ${token}` } },
    );
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `pathways-audit.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const actions = [...new Set((events ?? []).map((event) => event.action))].sort();
  const shown = (events ?? []).filter((event) => action === '' || event.action === action);

  return (
    <>
      <header className="topbar">
        <nav aria-label="Breadcrumb">
          <Link href="/">Pathways</Link> <span aria-hidden="true">›</span>{' '}
          <Link href={`/w/${workspaceId}/members`}>Members</Link>
        </nav>
      </header>
      <main id="main" className="page">
        <h1>Audit log</h1>
        <p className="lede">
          Every sign-in, membership change, link, export and version of this workspace. It never
          holds document content or survey answers.
        </p>
        <form className="filters" onSubmit={submit}>
          <div>
            <label htmlFor={fromId}>From (UTC day)</label>
            <input
              id={fromId}
              type="date"
              value={from}
              onChange={(event) => setFrom(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor={toId}>To (UTC day)</label>
            <input
              id={toId}
              type="date"
              value={to}
              onChange={(event) => setTo(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor={actionId}>Action</label>
            <select
              id={actionId}
              value={action}
              onChange={(event) => setAction(event.target.value)}
            >
              <option value="">All actions</option>
              {actions.map((option) => (
                <option key={option} value={option}>
                  {actionText(option)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Show</button>
          <button type="button" onClick={() => void download('csv')}>
            Download CSV
          </button>
          <button type="button" onClick={() => void download('jsonl')}>
            Download JSON lines
          </button>
        </form>
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {events !== null && (
          <div className="table-scroll">
            <table className="audit-table">
              <caption className="visually-hidden">Audit events, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">On</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((event) => (
                  <tr key={event.id}>
                    <td>{event.at.replace('T', ' ').slice(0, 19)}</td>
                    <td>{actorText(event.actor)}</td>
                    <td>
                      {actionText(event.action)}
                      {event.detail !== undefined && ` (${event.detail})`}
                    </td>
                    <td>{event.target ?? ''}</td>
                    <td>{event.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length === 0 && <p className="empty">No events in this range.</p>}
          </div>
        )}
      </main>
    </>
  );
}

import { useEffect, useState } from 'react';
import { tokenForDocument } from '../sync/device-store.ts';
import { surveyLinks } from './survey-api.ts';
import './survey-link-control.css';

type LinkState =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'none' }
  | { readonly kind: 'open' }
  | { readonly kind: 'created'; readonly url: string };

/**
 * Next to the sample staff survey, for editors: make the survey-only link staff answer through,
 * copy it, or close it. Only the link's hash is kept on the server, so it is shown once, when made;
 * making a new one replaces (and stops) the old.
 */
export function SurveyLinkControl({ documentId }: { readonly documentId: string }) {
  const token = tokenForDocument(documentId);
  const [state, setState] = useState<LinkState>({ kind: 'unknown' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = `survey-link-${documentId}`;

  useEffect(() => {
    if (token === null) return;
    surveyLinks.read(documentId, token).then(
      ({ exists }) =>
        setState((current) =>
          current.kind === 'unknown' ? { kind: exists ? 'open' : 'none' } : current,
        ),
      () => {},
    );
  }, [documentId, token]);

  if (token === null) return null;

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'That did not work; please try again.');
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    act(async () => {
      const created = await surveyLinks.create(documentId, token);
      // The page's own address, so the link works behind whatever proxy served this page.
      setState({
        kind: 'created',
        url: new URL(`/s/${created.token}`, window.location.origin).href,
      });
      setMessage(
        state.kind === 'none' || state.kind === 'unknown'
          ? 'Survey link created.'
          : 'New survey link created; the old one no longer works.',
      );
    });

  const close = () =>
    act(async () => {
      await surveyLinks.close(documentId, token);
      setState({ kind: 'none' });
      setMessage(
        'The survey link is closed: it no longer opens the form. Answers already sent stay in the document.',
      );
    });

  const isOpen = state.kind === 'open' || state.kind === 'created';
  return (
    <div className="survey-link" role="group" aria-labelledby={`${inputId}-heading`}>
      <h3 id={`${inputId}-heading`}>Survey link</h3>
      <p className="hint">
        {isOpen
          ? 'Staff answer the survey through this link, anonymously. It opens only the form: nothing else in the workspace.'
          : 'Send staff a link that opens only this survey as a form. Answers arrive anonymously in a responses table below the survey.'}
      </p>
      {state.kind === 'created' && (
        <div className="copy-row">
          <label htmlFor={inputId} className="visually-hidden">
            Survey link
          </label>
          <input
            id={inputId}
            value={state.url}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
          />
          <button
            type="button"
            onClick={async () => {
              await navigator.clipboard?.writeText(state.url).catch(() => {});
              setMessage('The survey link is copied.');
            }}
          >
            Copy survey link
          </button>
        </div>
      )}
      {state.kind === 'open' && (
        <p className="hint">
          A survey link is open. It is shown only when made; make a new one to copy it again (the
          old one then stops working).
        </p>
      )}
      <div className="survey-link-actions">
        <button type="button" onClick={create} disabled={busy}>
          {isOpen ? 'Make a new survey link' : 'Create survey link'}
        </button>
        {isOpen && (
          <button type="button" className="danger" onClick={close} disabled={busy}>
            Close survey link
          </button>
        )}
      </div>
      {error !== null && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <p role="status" aria-live="polite" className="hint">
        {message}
      </p>
    </div>
  );
}

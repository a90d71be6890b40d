import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../sync/api.ts';

interface DeleteDocumentDialogProps {
  readonly title: string;
  /** Deletes the document; rejects with an ApiError whose message is shown in the dialog. */
  readonly onConfirm: () => Promise<void>;
  /** The dialog closed: `deleted` says whether the document is gone. */
  readonly onClose: (deleted: boolean) => void;
}

/**
 * Asks an owner to confirm deleting a document, in a modal dialog (focus stays inside, Escape
 * cancels). Cancel has the focus first: the safe choice is the one a stray Enter makes.
 */
export function DeleteDocumentDialog({ title, onConfirm, onClose }: DeleteDocumentDialogProps) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deleted = useRef(false);

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
  }, []);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      deleted.current = true;
      dialog.current?.close();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not delete the document.');
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onClose={() => onClose(deleted.current)}
    >
      <h2 id={`${id}-title`}>Delete “{title}”?</h2>
      <p id={`${id}-text`}>
        The document, its saved versions and its survey and join links are deleted for everyone, and
        anyone who has it open is disconnected. This cannot be undone.
      </p>
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="confirm-actions">
        <button type="button" autoFocus onClick={() => dialog.current?.close()} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="danger-solid"
          onClick={() => void confirm()}
          disabled={busy}
        >
          {busy ? 'Deleting…' : 'Delete document'}
        </button>
      </div>
    </dialog>
  );
}

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { scanDocument, type IdentifierHint } from '#core/privacy';
import { readDocument } from '#core/schema';

/**
 * A scan runs this long after a change, and at most this often: not on every keystroke, and not
 * held back for ever while thirty people type in a session.
 */
const SCAN_DELAY_MS = 800;

/** Hints of student identifiers per section id, brought up to date shortly after changes. */
export function usePrivacyHints(
  doc: Y.Doc,
  enabled: boolean,
): ReadonlyMap<string, readonly IdentifierHint[]> {
  const [hints, setHints] = useState<ReadonlyMap<string, readonly IdentifierHint[]>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const scan = () => {
      timer = null;
      setHints(scanDocument(readDocument(doc).value, new Date()));
    };
    const onUpdate = () => {
      timer ??= setTimeout(scan, SCAN_DELAY_MS);
    };
    doc.on('update', onUpdate);
    onUpdate();
    return () => {
      doc.off('update', onUpdate);
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc, enabled]);
  return hints;
}

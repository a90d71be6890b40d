import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { scanDocument, type IdentifierHint } from '#core/privacy';
import { readDocument } from '#core/schema';
import { whenKeyboardRests } from '../keyboard-rest.ts';

/**
 * A scan runs this long after a change, and at most this often: not on every keystroke, and not
 * held back for ever while thirty people type in a session. It also waits until this page's
 * keyboard has rested this long: reading and scanning a 200-row document is a task of its own,
 * which would otherwise land between two of the person's keystrokes.
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
    let cancelRest: (() => void) | null = null;
    const scan = () => {
      cancelRest = null;
      timer = null;
      setHints(scanDocument(readDocument(doc).value, new Date()));
    };
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        cancelRest = whenKeyboardRests(scan, SCAN_DELAY_MS);
      }, SCAN_DELAY_MS);
    };
    doc.on('update', onUpdate);
    onUpdate();
    return () => {
      doc.off('update', onUpdate);
      if (timer !== null) clearTimeout(timer);
      cancelRest?.();
    };
  }, [doc, enabled]);
  return hints;
}

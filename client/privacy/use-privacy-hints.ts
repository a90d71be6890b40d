import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { scanDocument, type IdentifierHint } from '../../core/privacy/index.ts';
import { readDocument } from '../../core/schema/index.ts';

/** Scanning waits for a pause in typing: a hint that flickers on mid-word helps nobody. */
const PAUSE_MS = 800;

/** Hints of student identifiers per section id, brought up to date once typing pauses. */
export function usePrivacyHints(doc: Y.Doc, enabled: boolean): ReadonlyMap<string, readonly IdentifierHint[]> {
  const [hints, setHints] = useState<ReadonlyMap<string, readonly IdentifierHint[]>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const scan = () => setHints(scanDocument(readDocument(doc).value, new Date()));
    const onUpdate = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(scan, PAUSE_MS);
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

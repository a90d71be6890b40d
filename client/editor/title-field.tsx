import { useRef } from 'react';
import type * as Y from 'yjs';
import { ensureTitleText, mirrorTitle, titleTextOf } from '../../core/schema/index.ts';
import { useTextField } from './use-text-field.ts';

interface TitleFieldProps {
  readonly id: string;
  readonly doc: Y.Doc;
  /** The title as last read, shown while the document has no title text yet (an older build's). */
  readonly title: string;
}

/** The document's title, typed into together: it keeps every keystroke and the caret. */
export function TitleField({ id, doc, title }: TitleFieldProps) {
  const ref = useRef<HTMLInputElement>(null);
  const initial = useRef(title);
  useTextField(ref, { text: titleTextOf(doc), ensureText: () => ensureTitleText(doc), fallback: title, afterLocalEdit: () => mirrorTitle(doc) });
  return <input ref={ref} id={id} className="title-input" defaultValue={initial.current} />;
}

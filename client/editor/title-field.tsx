import { memo, useRef } from 'react';
import type * as Y from 'yjs';
import { ensureTitleText, mirrorTitle, titleTextOf } from '#core/schema';
import { useTextField } from './use-text-field.ts';

interface TitleFieldProps {
  readonly id: string;
  readonly doc: Y.Doc;
  /** The title as last read, shown while the document has no title text yet (an older build's). */
  readonly title: string;
}

/**
 * The document's title, typed into together: it keeps every keystroke and the caret. Memoised:
 * React sets an uncontrolled textarea's defaultValue (its text node) at every render, and the page
 * renders once per frame with others' edits.
 */
export const TitleField = memo(function TitleField({ id, doc, title }: TitleFieldProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const initial = useRef(title);
  useTextField(ref, {
    text: titleTextOf(doc),
    ensureText: () => ensureTitleText(doc),
    fallback: title,
    afterLocalEdit: () => mirrorTitle(doc),
  });
  // A textarea so a long title wraps instead of being cut; it stays one line of text: Enter ends editing.
  return (
    <textarea
      ref={ref}
      id={id}
      className="title-input"
      rows={1}
      defaultValue={initial.current}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          event.currentTarget.blur();
        }
      }}
    />
  );
});

import { memo, useRef } from 'react';
import type * as Y from 'yjs';
import { ensureSectionTitleText, mirrorSectionTitle, sectionTitleText } from '#core/schema';
import { useTextField } from './use-text-field.ts';

interface SectionTitleFieldProps {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly sectionId: string;
  /** The name as last read, shown while the section has no name text yet (an older build's). */
  readonly title: string;
}

/**
 * A section's name being renamed, typed into together as the document title is: each letter is
 * written as typed and others' letters appear in place, keeping every keystroke and the caret.
 * Memoised and uncontrolled, so a render with someone else's letters never resets what it shows.
 */
export const SectionTitleField = memo(function SectionTitleField({
  id,
  doc,
  sectionId,
  title,
}: SectionTitleFieldProps) {
  const ref = useRef<HTMLInputElement>(null);
  const initial = useRef(title);
  useTextField(ref, {
    text: sectionTitleText(doc, sectionId),
    ensureText: () => ensureSectionTitleText(doc, sectionId),
    fallback: title,
    afterLocalEdit: () => mirrorSectionTitle(doc, sectionId),
  });
  return (
    <input
      ref={ref}
      id={id}
      className="section-title-input"
      defaultValue={initial.current}
      autoFocus
    />
  );
});

import { useRef } from 'react';
import type * as Y from 'yjs';
import { adaptationOwnerTextOf, ensureAdaptationOwnerText } from '#core/schema';
import { useTextField } from '../editor/use-text-field.ts';

interface SchoolOwnerFieldProps {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly rowId: string;
  /** The owner as last read (an earlier build's plain value while there is no text yet). */
  readonly shown: string;
  /** The district's owner, shown while the school has none of its own. */
  readonly placeholder: string;
  readonly readOnly: boolean;
  readonly describedBy: string;
}

/**
 * The school's own owner of a district meeting, typed into together: bound to its Y.Text, so two
 * people typing at once each keep their letters and their caret (uncontrolled, see useTextField).
 */
export function SchoolOwnerField({
  id,
  doc,
  rowId,
  shown,
  placeholder,
  readOnly,
  describedBy,
}: SchoolOwnerFieldProps) {
  const ref = useRef<HTMLInputElement>(null);
  const initial = useRef(shown);
  useTextField(ref, {
    text: adaptationOwnerTextOf(doc, rowId),
    ensureText: () => ensureAdaptationOwnerText(doc, rowId),
    fallback: shown,
  });
  return (
    <input
      ref={ref}
      id={id}
      type="text"
      defaultValue={initial.current}
      placeholder={placeholder}
      readOnly={readOnly}
      aria-describedby={describedBy}
    />
  );
}

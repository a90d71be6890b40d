import { useState } from 'react';
import type * as Y from 'yjs';
import { deleteSection, moveSection } from '#core/schema';
import { SectionTitleField } from './section-title-field.tsx';

interface SectionHeaderProps {
  readonly doc: Y.Doc;
  readonly section: { readonly id: string; readonly title: string };
  readonly index: number;
  readonly count: number;
  readonly headingId: string;
  readonly readOnly: boolean;
}

/**
 * A section's heading with rename, move and delete, each a labelled button. Renaming edits the
 * shared name as it is typed, so there is nothing to save or cancel: Enter, Escape or Done ends it.
 */
export function SectionHeader({
  doc,
  section,
  index,
  count,
  headingId,
  readOnly,
}: SectionHeaderProps) {
  const [renaming, setRenaming] = useState(false);
  const name = section.title || 'Untitled section';

  if (renaming) {
    return (
      <form
        className="section-header"
        onSubmit={(event) => {
          event.preventDefault();
          setRenaming(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setRenaming(false);
        }}
      >
        <label htmlFor={`${headingId}-title`} className="visually-hidden">
          Section title
        </label>
        <SectionTitleField
          id={`${headingId}-title`}
          doc={doc}
          sectionId={section.id}
          title={section.title}
        />
        <button type="submit">Done</button>
      </form>
    );
  }
  return (
    <div className="section-header">
      <h2 id={headingId}>{name}</h2>
      {!readOnly && (
        <div className="section-actions">
          <button
            type="button"
            className="quiet"
            onClick={() => setRenaming(true)}
            aria-label={`Rename section “${name}”`}
          >
            Rename
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move section “${name}” up`}
            disabled={index === 0}
            onClick={() => moveSection(doc, section.id, index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move section “${name}” down`}
            disabled={index === count - 1}
            onClick={() => moveSection(doc, section.id, index + 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Delete section “${name}”`}
            onClick={() => {
              if (
                window.confirm(`Delete the section “${name}” for everyone? Versions keep a copy.`)
              )
                deleteSection(doc, section.id);
            }}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}

import { useState } from 'react';
import type * as Y from 'yjs';
import { deleteSection, moveSection, renameSection } from '#core/schema';

interface SectionHeaderProps {
  readonly doc: Y.Doc;
  readonly section: { readonly id: string; readonly title: string };
  readonly index: number;
  readonly count: number;
  readonly headingId: string;
  readonly readOnly: boolean;
}

/** A section's heading with rename, move and delete, each a labelled button. */
export function SectionHeader({
  doc,
  section,
  index,
  count,
  headingId,
  readOnly,
}: SectionHeaderProps) {
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(section.title);
  const name = section.title || 'Untitled section';

  if (renaming) {
    return (
      <form
        className="section-header"
        onSubmit={(event) => {
          event.preventDefault();
          renameSection(doc, section.id, title.trim() || section.title);
          setRenaming(false);
        }}
      >
        <label htmlFor={`${headingId}-title`} className="visually-hidden">
          Section title
        </label>
        <input
          id={`${headingId}-title`}
          className="section-title-input"
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          autoFocus
        />
        <button type="submit">Save</button>
        <button type="button" onClick={() => setRenaming(false)}>
          Cancel
        </button>
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
            onClick={() => (setTitle(section.title), setRenaming(true))}
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

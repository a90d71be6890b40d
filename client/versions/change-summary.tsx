import type { DocumentChanges, SectionChange } from '#core/versions';

const quote = (text: string) => `“${text.trim() || 'Untitled'}”`;

/** What changed between a version and the document now, as a list a person can read aloud. */
export function ChangeSummary({
  changes,
  headingId,
}: {
  readonly changes: DocumentChanges;
  readonly headingId: string;
}) {
  const empty =
    changes.title === null && !changes.sectionsReordered && changes.sections.length === 0;
  if (empty) return <p className="change-none">Nothing has changed since this version.</p>;
  return (
    <ul className="change-list" aria-labelledby={headingId}>
      {changes.title !== null && (
        <li>
          Title changed from {quote(changes.title.before)} to {quote(changes.title.after)}.
        </li>
      )}
      {changes.sectionsReordered && <li>Sections were put in a different order.</li>}
      {changes.sections.map((section) => (
        <SectionChangeItem key={`${section.change}-${section.id}`} section={section} />
      ))}
    </ul>
  );
}

function SectionChangeItem({ section }: { readonly section: SectionChange }) {
  if (section.change === 'added')
    return <li className="change-added">Section {quote(section.title)} added.</li>;
  if (section.change === 'removed')
    return <li className="change-removed">Section {quote(section.title)} removed.</li>;
  const details: string[] = [];
  if (section.renamedFrom !== null) details.push(`renamed from ${quote(section.renamedFrom)}`);
  if (section.contentChanged) details.push('text changed');
  if (section.columns.added.length > 0)
    details.push(`columns added: ${section.columns.added.map(quote).join(', ')}`);
  if (section.columns.removed.length > 0)
    details.push(`columns removed: ${section.columns.removed.map(quote).join(', ')}`);
  for (const renamed of section.columns.renamed)
    details.push(`column ${quote(renamed.from)} renamed to ${quote(renamed.to)}`);
  return (
    <li className="change-changed">
      Section {quote(section.title)} changed{details.length > 0 ? `: ${details.join('; ')}` : ''}.
      {section.rows.length > 0 && (
        <ul>
          {section.rows.map((row) => (
            <li key={`${row.change}-${row.id}`} className={`change-${row.change}`}>
              {row.change === 'added' && <>Row added: {quote(row.label)}</>}
              {row.change === 'removed' && <>Row removed: {quote(row.label)}</>}
              {row.change === 'changed' && (
                <>
                  Row changed: {quote(row.label)} ({row.columns.join(', ')})
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

import { useState } from 'react';
import { IDENTIFIER_DESCRIPTIONS, STUDENT_DATA_REMINDER, type IdentifierHint } from '#core/privacy';
import './privacy-hint.css';

function describe(hints: readonly IdentifierHint[]): string {
  const kinds = [...new Set(hints.map((hint) => hint.kind))].map(
    (kind) => IDENTIFIER_DESCRIPTIONS[kind],
  );
  return kinds.length === 1 ? kinds[0]! : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}`;
}

/**
 * A gentle note under a section whose text looks like it identifies a student. It changes
 * nothing: a provider's office phone is fine, and the person decides. "Keep as is" hides the note
 * for exactly what it pointed at; anything new brings it back.
 */
export function PrivacyHint({ hints }: { readonly hints: readonly IdentifierHint[] }) {
  const [keptTexts, setKeptTexts] = useState<ReadonlySet<string>>(new Set());
  const open = hints.filter((hint) => !keptTexts.has(hint.text));
  if (open.length === 0) return null;
  return (
    <aside className="privacy-hint" aria-label="Possible student information">
      <p>
        This section may hold {describe(open)}:{' '}
        {open
          .slice(0, 3)
          .map((hint) => `“${hint.text}”`)
          .join(', ')}
        {open.length > 3 && ` and ${open.length - 3} more`}. Pathways works with aggregate
        information only; please do not share information about specific students here.
      </p>
      <p className="privacy-hint-reminder">{STUDENT_DATA_REMINDER}</p>
      <button
        type="button"
        onClick={() => setKeptTexts(new Set([...keptTexts, ...open.map((hint) => hint.text)]))}
      >
        Keep as is
      </button>
    </aside>
  );
}

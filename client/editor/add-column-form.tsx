import { useId, useState } from 'react';
import type * as Y from 'yjs';
import { addColumn, type TableView } from '#core/schema';
import { FREQUENCY_SCALE, type ColumnSpec } from '#core/tables';

const KINDS = [
  ['text', 'Text'],
  ['person', 'Person'],
  ['date', 'Date'],
  ['minutes', 'Minutes'],
  ['number', 'Number'],
  ['checkbox', 'Checkbox'],
  ['choice', 'One choice'],
  ['multi-choice', 'Several choices'],
  ['rating', 'Rating (Never … Always), one per person'],
  ['rate', 'Rate (one number column ÷ another)'],
] as const;

type Kind = (typeof KINDS)[number][0];

/** "Add a column": a disclosure with a small form, so the table stays uncluttered. */
export function AddColumnForm({ doc, table }: { readonly doc: Y.Doc; readonly table: TableView }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Kind>('text');
  const [options, setOptions] = useState('');
  const numberColumns = table.columns.filter(
    (column) => column.kind === 'number' || column.kind === 'minutes',
  );
  const [numerator, setNumerator] = useState('');
  const [denominator, setDenominator] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const name = title.trim();
    if (name === '') return setError('Give the column a title.');
    let spec: ColumnSpec;
    if (kind === 'choice' || kind === 'multi-choice') {
      const labels = options
        .split(',')
        .map((label) => label.trim())
        .filter((label) => label !== '');
      if (labels.length === 0) return setError('List the choices, separated by commas.');
      spec = { kind, title: name, options: labels };
    } else if (kind === 'rating') {
      spec = { kind, title: name, scale: FREQUENCY_SCALE };
    } else if (kind === 'rate') {
      if (numerator === '' || denominator === '')
        return setError('Pick the two number columns to divide.');
      spec = { kind, title: name, numerator, denominator };
    } else {
      spec = { kind, title: name };
    }
    const added = addColumn(doc, table.id, spec);
    if (!added.ok) return setError(added.message);
    setTitle('');
    setOptions('');
    setError(null);
    setOpen(false);
  };

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-expanded="false">
        Add column
      </button>
    );
  }
  return (
    <form className="add-column" onSubmit={submit} aria-label="Add a column">
      <label htmlFor={`${id}-title`}>Column title</label>
      <input
        id={`${id}-title`}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        autoFocus
      />
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value as Kind)}
      >
        {KINDS.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
      {(kind === 'choice' || kind === 'multi-choice') && (
        <>
          <label htmlFor={`${id}-options`}>Choices, separated by commas</label>
          <input
            id={`${id}-options`}
            value={options}
            onChange={(event) => setOptions(event.currentTarget.value)}
          />
        </>
      )}
      {kind === 'rate' && (
        <>
          <label htmlFor={`${id}-numerator`}>Divide</label>
          <select
            id={`${id}-numerator`}
            value={numerator}
            onChange={(event) => setNumerator(event.currentTarget.value)}
          >
            <option value="">Choose a column</option>
            {numberColumns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.title}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-denominator`}>by</label>
          <select
            id={`${id}-denominator`}
            value={denominator}
            onChange={(event) => setDenominator(event.currentTarget.value)}
          >
            <option value="">Choose a column</option>
            {numberColumns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.title}
              </option>
            ))}
          </select>
        </>
      )}
      {error !== null && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit">Add</button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

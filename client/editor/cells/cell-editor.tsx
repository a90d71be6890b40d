import type * as Y from 'yjs';
import type { Participant } from '../../sync/user-identity.ts';
import { ensureTextCell, setCell, setPicked, textCell, type Applied } from '#core/schema';
import type { CellValue, Column } from '#core/tables';
import type { CellAddress } from './cell-address.ts';
import { PersonCell } from './person-cell.tsx';
import { RatingCell } from './rating-cell.tsx';
import { SettledInput } from './settled-input.tsx';
import { TextCell } from './text-cell.tsx';

interface CellEditorProps {
  readonly doc: Y.Doc;
  readonly address: CellAddress;
  readonly column: Column;
  readonly value: CellValue | undefined;
  /** Accessible name, e.g. "Owner, row 2". */
  readonly label: string;
  readonly readOnly: boolean;
  readonly participant: Participant;
  readonly onFocus: () => void;
  readonly onBlur: () => void;
}

/** What a field shows when its value was not stored, or null when it was. */
function problemOf(result: Applied): string | null {
  return result.ok ? null : result.message;
}

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** The editor that fits a column's kind; every control is labelled and keyboard-operable. */
export function CellEditor({
  doc,
  address,
  column,
  value,
  label,
  readOnly,
  participant,
  onFocus,
  onBlur,
}: CellEditorProps) {
  // A viewer's count below the small-cell threshold arrives as its words: "fewer than 10".
  if (readOnly && value?.kind === 'text' && (column.kind === 'number' || column.kind === 'rate'))
    return <output aria-label={label}>{value.text}</output>;
  const { sectionId, rowId, columnId } = address;
  const focusProps = { onFocus, onBlur };
  switch (column.kind) {
    case 'text':
    case 'person':
      if (column.kind === 'text' && column.format === 'time') {
        const time = value?.kind === 'text' ? value.text : '';
        // A time typed before this was a time field ("9am") stays text until someone picks a time.
        if (time !== '' && !/^\d{2}:\d{2}$/.test(time)) {
          return (
            <TextCell
              label={label}
              text={textCell(doc, sectionId, rowId, columnId)}
              ensureText={() => ensureTextCell(doc, sectionId, rowId, columnId)}
              multiline={false}
              readOnly={readOnly}
              {...focusProps}
            />
          );
        }
        return (
          <SettledInput
            type="time"
            className="cell-input"
            aria-label={label}
            stored={time}
            readOnly={readOnly}
            onCommit={(next) =>
              problemOf(setCell(doc, sectionId, rowId, columnId, next?.slice(0, 5) ?? ''))
            }
            {...focusProps}
          />
        );
      }
      if (column.kind === 'person')
        return (
          <PersonCell
            doc={doc}
            address={address}
            label={label}
            account={value?.kind === 'person' ? value.account : undefined}
            readOnly={readOnly}
            {...focusProps}
          />
        );
      return (
        <TextCell
          label={label}
          text={textCell(doc, sectionId, rowId, columnId)}
          ensureText={() => ensureTextCell(doc, sectionId, rowId, columnId)}
          multiline
          readOnly={readOnly}
          {...focusProps}
        />
      );
    case 'date': {
      const date = value?.kind === 'date' ? value : { iso: null, text: '' };
      // A free-text date ("Beginning of next semester") stays text until someone picks a date.
      if (date.iso === null && date.text !== '') {
        return (
          <span className="cell-freetext">
            <SettledInput
              type="text"
              className="cell-input"
              aria-label={label}
              stored={date.text}
              readOnly={readOnly}
              onCommit={(next) => problemOf(setCell(doc, sectionId, rowId, columnId, next))}
              {...focusProps}
            />
          </span>
        );
      }
      return (
        <SettledInput
          type="date"
          className="cell-input"
          aria-label={label}
          stored={date.iso ?? ''}
          readOnly={readOnly}
          onCommit={(next) => problemOf(setCell(doc, sectionId, rowId, columnId, next))}
          {...focusProps}
        />
      );
    }
    case 'minutes':
    case 'number': {
      const number = value?.kind === 'minutes' || value?.kind === 'number' ? value.value : null;
      return (
        <span className="cell-number">
          <SettledInput
            type="number"
            className="cell-input"
            aria-label={column.kind === 'minutes' ? `${label}, in minutes` : label}
            inputMode={column.kind === 'minutes' ? 'numeric' : 'decimal'}
            min={column.kind === 'minutes' ? 0 : undefined}
            step={column.kind === 'minutes' ? 1 : 'any'}
            stored={number === null ? '' : String(number)}
            readOnly={readOnly}
            onCommit={(next) =>
              problemOf(
                setCell(doc, sectionId, rowId, columnId, next === null ? null : Number(next)),
              )
            }
            {...focusProps}
          />
          {column.kind === 'minutes' && <span aria-hidden="true"> min</span>}
        </span>
      );
    }
    case 'checkbox':
      return (
        <input
          type="checkbox"
          className="cell-checkbox"
          aria-label={label}
          checked={value?.kind === 'checkbox' && value.checked}
          disabled={readOnly}
          onChange={(event) =>
            setCell(doc, sectionId, rowId, columnId, event.currentTarget.checked)
          }
          {...focusProps}
        />
      );
    case 'choice':
      return (
        <select
          className="cell-input"
          aria-label={label}
          value={value?.kind === 'choice' ? (value.optionId ?? '') : ''}
          disabled={readOnly}
          onChange={(event) =>
            setCell(doc, sectionId, rowId, columnId, event.currentTarget.value || null)
          }
          {...focusProps}
        >
          <option value="">—</option>
          {column.options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      );
    case 'multi-choice': {
      const picked = new Set(value?.kind === 'multi-choice' ? value.optionIds : []);
      return (
        <fieldset className="cell-choices">
          <legend className="visually-hidden">{label}</legend>
          {column.options.map((option) => (
            <label key={option.id}>
              <input
                type="checkbox"
                checked={picked.has(option.id)}
                disabled={readOnly}
                onChange={(event) =>
                  setPicked(doc, sectionId, rowId, columnId, option.id, event.currentTarget.checked)
                }
                {...focusProps}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'rating':
      return (
        <RatingCell
          doc={doc}
          address={address}
          scale={column.scale}
          answers={value?.kind === 'rating' ? value.answers : []}
          label={label}
          participant={participant}
          readOnly={readOnly || column.closed}
          {...focusProps}
        />
      );
    case 'rate':
      return (
        <output aria-label={label}>{percent(value?.kind === 'rate' ? value.value : null)}</output>
      );
    case 'unknown':
      return <span className="cell-unknown">Made with a newer version of Pathways</span>;
  }
}

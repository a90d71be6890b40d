import type * as Y from 'yjs';
import { setRating } from '../../../core/schema/index.ts';
import type { RatingAnswer } from '../../../core/tables/index.ts';
import type { CellAddress } from './cell-editor.tsx';

interface RatingCellProps {
  readonly doc: Y.Doc;
  readonly address: CellAddress;
  readonly scale: readonly string[];
  readonly answers: readonly RatingAnswer[];
  readonly label: string;
  /** Whose answer this device sets: the display name. */
  readonly participant: string;
  readonly readOnly: boolean;
  readonly onFocus: () => void;
  readonly onBlur: () => void;
}

/** Each person sets their own answer and sees how everyone answered, level by level. */
export function RatingCell({ doc, address, scale, answers, label, participant, readOnly, onFocus, onBlur }: RatingCellProps) {
  const mine = answers.find((answer) => answer.participant === participant)?.level ?? null;
  const counts = scale.map((_, level) => answers.filter((answer) => answer.level === level).length);
  const most = Math.max(1, ...counts);
  return (
    <div className="rating">
      {!readOnly && (
        <select
          className="cell-input"
          aria-label={`${label}: your answer`}
          value={mine ?? ''}
          onChange={(event) => setRating(doc, address.sectionId, address.rowId, address.columnId, participant, event.currentTarget.value === '' ? null : Number(event.currentTarget.value))}
          onFocus={onFocus}
          onBlur={onBlur}
        >
          <option value="">Your answer…</option>
          {scale.map((level, index) => (
            <option key={level} value={index}>
              {level}
            </option>
          ))}
        </select>
      )}
      <dl className="rating-spread" aria-label={`${label}: answers so far`}>
        {scale.map((level, index) => (
          <div key={level} className="rating-level">
            <dt>{level}</dt>
            <dd>
              <span className="rating-bar" style={{ inlineSize: `${(counts[index]! / most) * 100}%` }} aria-hidden="true" />
              <span className="rating-count">{counts[index]}</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

import type * as Y from 'yjs';
import { setRating } from '#core/schema';
import type { RatingAnswer } from '#core/tables';
import type { Participant } from '../../sync/user-identity.ts';
import type { CellAddress } from './cell-address.ts';

interface RatingCellProps {
  readonly doc: Y.Doc;
  readonly address: CellAddress;
  readonly scale: readonly string[];
  readonly answers: readonly RatingAnswer[];
  readonly label: string;
  /** Whose answer this device sets: its participant id (and the name older documents keyed it by). */
  readonly participant: Participant;
  readonly readOnly: boolean;
  readonly onFocus: () => void;
  readonly onBlur: () => void;
}

/** Each person sets their own answer and sees how everyone answered, level by level. */
export function RatingCell({
  doc,
  address,
  scale,
  answers,
  label,
  participant,
  readOnly,
  onFocus,
  onBlur,
}: RatingCellProps) {
  const own =
    answers.find((answer) => answer.participant === participant.id) ??
    answers.find(
      (answer) => participant.formerKey !== null && answer.participant === participant.formerKey,
    );
  const mine = own?.level ?? null;
  const counts = scale.map((_, level) => answers.filter((answer) => answer.level === level).length);
  const most = Math.max(1, ...counts);
  return (
    <div className="rating">
      {!readOnly && (
        <select
          className="cell-input"
          aria-label={`${label}: your answer`}
          value={mine ?? ''}
          onChange={(event) =>
            setRating(
              doc,
              address.sectionId,
              address.rowId,
              address.columnId,
              participant.id,
              event.currentTarget.value === '' ? null : Number(event.currentTarget.value),
              own !== undefined ? { replaces: own.participant } : {},
            )
          }
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
              <span
                className="rating-bar"
                style={{ inlineSize: `${(counts[index]! / most) * 100}%` }}
                aria-hidden="true"
              />
              <span className="rating-count">{counts[index]}</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

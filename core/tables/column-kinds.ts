/**
 * The column kinds of a table section and what each stores. Text-like cells are Y.Text so two
 * people typing in one cell merge by character; the rest are single values where the last
 * writer wins, except multi-choice (one flag per option) and rating (one answer per participant),
 * which are stored per option and per participant so concurrent answers never overwrite each other.
 */
export const COLUMN_KINDS = [
  'text',
  'person',
  'date',
  'minutes',
  'number',
  'checkbox',
  'choice',
  'multi-choice',
  'rating',
  'rate',
] as const;

export type ColumnKind = (typeof COLUMN_KINDS)[number];

export function isColumnKind(kind: unknown): kind is ColumnKind {
  return (COLUMN_KINDS as readonly unknown[]).includes(kind);
}

/** Kinds whose cells are collaborative text (Y.Text). */
export function isTextKind(kind: ColumnKind): kind is 'text' | 'person' {
  return kind === 'text' || kind === 'person';
}

/** The toolkit's frequency scale, used by the assessment rubric. */
export const FREQUENCY_SCALE: readonly string[] = [
  'Never',
  'Rarely',
  'Sometimes',
  'Often',
  'Almost always',
  'Always',
];

export interface ChoiceOption {
  readonly id: string;
  readonly label: string;
}

interface ColumnBase {
  readonly id: string;
  readonly title: string;
  /** A short prompt under the title, e.g. "Who will be in charge of making sure this task is complete?" */
  readonly hint: string;
  /** Width in CSS pixels someone dragged the column to; absent means the width its kind suggests. */
  readonly width?: number;
}

/**
 * How a text column's text is entered. `time`: a 24-hour "HH:MM" (the meeting calendar's time),
 * entered with a time field; the cell is still text, so an older build shows and edits it as such.
 */
export type TextFormat = 'time';

export type Column =
  | (ColumnBase & {
      readonly kind: 'text' | 'person' | 'date' | 'minutes' | 'number' | 'checkbox';
      readonly format?: TextFormat;
    })
  | (ColumnBase & {
      readonly kind: 'choice' | 'multi-choice';
      readonly options: readonly ChoiceOption[];
    })
  /** `closed` marks an earlier round of a rubric: its answers are kept and read, no longer changed. */
  | (ColumnBase & {
      readonly kind: 'rating';
      readonly scale: readonly string[];
      readonly closed: boolean;
    })
  | (ColumnBase & {
      readonly kind: 'rate';
      readonly numerator: string;
      readonly denominator: string;
    })
  /** A kind from a newer build: kept, shown read-only. */
  | (ColumnBase & { readonly kind: 'unknown'; readonly rawKind: string });

interface SpecBase {
  readonly id?: string;
  readonly title: string;
  readonly hint?: string;
}

/** What a caller gives to create a column: ids and hints optional, options as labels or {id, label}. */
export type ColumnSpec =
  | (SpecBase & {
      readonly kind: 'text' | 'person' | 'date' | 'minutes' | 'number' | 'checkbox';
      readonly format?: TextFormat;
    })
  | (SpecBase & {
      readonly kind: 'choice' | 'multi-choice';
      readonly options: readonly (string | ChoiceOption)[];
    })
  | (SpecBase & { readonly kind: 'rating'; readonly scale: readonly string[] })
  | (SpecBase & {
      readonly kind: 'rate';
      readonly numerator: string;
      readonly denominator: string;
    });

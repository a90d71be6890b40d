/** The blocks and inline runs a note is written and read as (see `note.ts`). */

export interface Inline {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly strike?: boolean;
  readonly code?: boolean;
  readonly link?: string;
}

export type NoteBlock =
  | { readonly type: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly content: readonly Inline[] }
  | { readonly type: 'bulletList'; readonly items: readonly (readonly NoteBlock[])[] }
  /** `start` numbers the first item (1 when omitted), for lists split by a heading. */
  | {
      readonly type: 'orderedList';
      readonly items: readonly (readonly NoteBlock[])[];
      readonly start?: number;
    }
  | { readonly type: 'blockquote'; readonly blocks: readonly NoteBlock[] }
  | { readonly type: 'horizontalRule' };

/** Plain text of a list of inline runs, for titles, search and checks. */
export function inlineText(content: readonly Inline[]): string {
  return content.map((run) => run.text).join('');
}

/** The one cell of a table that holds a live editor. */
export interface ActiveCell {
  readonly rowId: string;
  readonly columnId: string;
  /** Where the caret goes in a text control (an offset), or null for the end. */
  readonly caret?: number | null;
}

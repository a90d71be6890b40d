/** Which cell of which table a cell control edits. */
export interface CellAddress {
  readonly sectionId: string;
  readonly rowId: string;
  readonly columnId: string;
}

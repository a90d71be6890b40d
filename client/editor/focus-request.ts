/** Where to put the caret once a note's editor exists: where the person clicked, or the start. */
export interface FocusRequest {
  readonly x: number | null;
  readonly y: number | null;
}

export { initializeDocument, readDocument } from './document.ts';
export type { DocumentInit, DocumentView, SectionView } from './document.ts';
export {
  SCHEMA_VERSION,
  ensureTitleText,
  mirrorTitle,
  observeMeta,
  readMeta,
  titleTextOf,
  writeTitle,
} from './meta.ts';
export type { DocumentMeta } from './meta.ts';
export {
  SECTION_KINDS,
  deleteSection,
  ensureSectionTitleText,
  mirrorSectionTitle,
  moveSection,
  readSections,
  renameSection,
  sectionTitleText,
  sectionsArray,
} from './sections.ts';
export type { SectionKind, SectionPlacement, SectionSummary } from './sections.ts';
export { reconcileSections } from './reconcile.ts';
export {
  addNoteSection,
  inlineText,
  noteFragment,
  readNote,
  readNoteFragment,
  writeNoteBlocks,
} from './note.ts';
export type { Inline, NoteBlock, NoteSectionInit } from './note.ts';
export {
  addChoiceOption,
  addColumn,
  addRow,
  addTableSection,
  closeRatingRound,
  deleteColumn,
  deleteRow,
  moveRow,
  readTable,
  renameColumn,
  resizeColumn,
} from './table.ts';
export {
  ensureTextCell,
  linkPerson,
  setCell,
  setPicked,
  setRating,
  textCell,
} from './table-cells.ts';
export type { LinkedPerson } from './person-link.ts';
export type { Created, RowInit, RowView, TableSectionInit, TableView } from './table.ts';
export {
  IDLE_TIMER,
  parseTimerState,
  readTimerState,
  writeTimerState,
} from './agenda-timer-state.ts';
export type { TimerRunState, TimerState } from './agenda-timer-state.ts';
export type { Applied, Failure, Problem, ProblemCode, Read } from './problems.ts';
export { readRatingRounds, startRatingRound } from './rating-rounds.ts';
export { pasteBlock } from './paste-block.ts';
export type { PastedBlock } from './paste-block.ts';
export { trackRowDeletions } from './row-deletions.ts';
export type { RowDeletions } from './row-deletions.ts';
export type { NewRound, RatingRound } from './rating-rounds.ts';
export { readSmallCellThreshold, writeSmallCellThreshold } from './small-cell-threshold.ts';
export { readOccurrenceMeta, writeOccurrenceMeta } from './occurrence-meta.ts';
export type { OccurrenceMeta } from './occurrence-meta.ts';
export {
  markOccurrenceCreated,
  readOccurrenceRequests,
  requestOccurrence,
} from './occurrence-requests.ts';
export type { OccurrenceRequest } from './occurrence-requests.ts';
export {
  addSchoolCalendar,
  adaptationOwnerTextOf,
  ensureAdaptationOwnerText,
  readAdaptation,
  readDistrictCalendarLink,
  readSchoolCalendars,
  readSchoolPlan,
  writeAdaptation,
  writeDistrictCalendarLink,
  writeDropped,
  writeSchoolRequirement,
} from './district-schools.ts';
export type {
  AdaptationField,
  DistrictCalendarLink,
  SchoolAdaptation,
  SchoolRequirement,
} from './district-schools.ts';

export { compareDocuments, isUnchanged } from './compare.ts';
export type { ColumnChanges, DocumentChanges, RowChange, SectionChange } from './compare.ts';
export { restoreVersion } from './restore.ts';

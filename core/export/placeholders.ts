/** What the text exports print where the document has nothing to say, so a handout never shows a bare "#". */
export const UNTITLED_DOCUMENT = 'Untitled document';
export const UNTITLED_SECTION = 'Untitled section';
/** For a section kind added by a newer build: its content cannot be read here, so say so instead of dropping it silently. */
export const NEWER_SECTION_NOTICE =
  'This section was made with a newer version of Pathways and is not included in this export.';

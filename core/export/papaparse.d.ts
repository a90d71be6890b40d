/**
 * The two functions of Papa Parse that core uses, typed here instead of through @types/papaparse.
 *
 * Why: @types/papaparse starts with `/// <reference types="node" />`, so importing `papaparse`
 * anywhere in core silently adds Node's globals (`process`, `Buffer`) to core's type check, and
 * `tsc -p core/tsconfig.json` would stop catching Node APIs in core. Importing the package's own
 * UMD file by path (it has no `exports` map, so the path is public) keeps those types out.
 */
declare module 'papaparse/papaparse.js' {
  interface UnparseConfig {
    /** Line ending between records; RFC 4180 asks for CRLF. */
    newline?: string;
    /** Quote every field (true) or only those that need it (false). */
    quotes?: boolean;
    /** Prefix `'` to string fields the pattern matches, so spreadsheets do not run them as formulas. */
    escapeFormulae?: boolean | RegExp;
  }

  interface ParseError {
    readonly message: string;
    readonly code: string;
    readonly row?: number;
  }

  interface StepResult {
    /** One record's fields. */
    readonly data: string[];
    readonly errors: ParseError[];
    /** Character offset just past this record, so the caller can tell which line it began on. */
    readonly meta: { readonly cursor: number };
  }

  interface ParseConfig {
    skipEmptyLines?: boolean | 'greedy';
    /** Called once per record, in order; `parse` then returns no data. */
    step?: (result: StepResult) => void;
  }

  const Papa: {
    parse(input: string, config: ParseConfig): { data: string[][]; errors: ParseError[] };
    /** Records as arrays of fields, the first usually the header; no line ending after the last. */
    unparse(records: (string | number)[][], config?: UnparseConfig): string;
  };
  export default Papa;
}

/**
 * Tab-separated blocks of cells, as Google Sheets and Excel put them on the clipboard: cells
 * split by tabs, rows by line breaks, and a cell holding a tab, line break or quote written in
 * double quotes with its quotes doubled.
 */

/** The rows of cells in a clipboard text; a final line break does not make an empty row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let index = 0;
  let quoted = false;
  const endCell = (): void => {
    row.push(cell);
    cell = '';
  };
  const endRow = (): void => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      index++;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === '\t') endCell();
    else if (char === '\r' && text[index + 1] === '\n') {
      endRow();
      index++;
    } else if (char === '\n' || char === '\r') endRow();
    else cell += char;
    index++;
  }
  if (cell !== '' || row.length > 0 || quoted) endRow();
  return rows;
}

/** The clipboard text of a block of cells, read back by parseTsv and by spreadsheets. */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  const cell = (text: string): string =>
    /[\t\n\r"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  return rows.map((row) => row.map(cell).join('\t')).join('\n');
}

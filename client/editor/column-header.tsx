import type * as Y from 'yjs';
import type { Column } from '#core/tables';
import { ColumnResizer } from './column-resizer.tsx';

interface ColumnHeaderProps {
  readonly doc: Y.Doc;
  readonly sectionId: string;
  readonly column: Column;
  readonly width: number;
  readonly resizable: boolean;
  readonly onPreviewWidth: (width: number | null) => void;
}

/**
 * A column's header cell: its title, its hint folded to one line (open it to read the whole
 * prompt), and the handle that resizes it.
 */
export function ColumnHeader({
  doc,
  sectionId,
  column,
  width,
  resizable,
  onPreviewWidth,
}: ColumnHeaderProps) {
  return (
    <th scope="col" className={`column-${column.kind}`}>
      <span className="column-title">{column.title}</span>
      {column.hint !== '' && (
        <details className="column-hint">
          <summary>{column.hint}</summary>
        </details>
      )}
      {resizable && (
        <ColumnResizer
          doc={doc}
          sectionId={sectionId}
          columnId={column.id}
          title={column.title}
          width={width}
          onPreview={onPreviewWidth}
        />
      )}
    </th>
  );
}

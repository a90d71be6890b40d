import { useRef } from 'react';
import type * as Y from 'yjs';
import { resizeColumn } from '#core/schema';

interface ColumnResizerProps {
  readonly doc: Y.Doc;
  readonly sectionId: string;
  readonly columnId: string;
  readonly title: string;
  readonly width: number;
  /** While dragging: the width to draw now, before it is stored (null when the drag ends). */
  readonly onPreview: (width: number | null) => void;
}

const KEY_STEP_PX = 16;

/**
 * The handle on a column header's right edge: drag it (or focus it and press ←/→) to resize the
 * column for everyone. A drag draws locally while it moves and writes the document once, when it
 * ends, so the room gets one change rather than one per pixel. Double-click goes back to the width
 * the column's kind suggests.
 */
export function ColumnResizer({
  doc,
  sectionId,
  columnId,
  title,
  width,
  onPreview,
}: ColumnResizerProps) {
  const drag = useRef<{ startX: number; startWidth: number; width: number } | null>(null);
  return (
    <div
      className="column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column “${title}”`}
      aria-valuenow={width}
      aria-valuemin={48}
      aria-valuemax={1200}
      tabIndex={0}
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { startX: event.clientX, startWidth: width, width };
      }}
      onPointerMove={(event) => {
        if (drag.current === null) return;
        drag.current.width = Math.max(
          48,
          Math.round(drag.current.startWidth + event.clientX - drag.current.startX),
        );
        onPreview(drag.current.width);
      }}
      onPointerUp={() => {
        if (drag.current === null) return;
        if (drag.current.width !== drag.current.startWidth)
          resizeColumn(doc, sectionId, columnId, drag.current.width);
        drag.current = null;
        onPreview(null);
      }}
      onPointerCancel={() => {
        drag.current = null;
        onPreview(null);
      }}
      onDoubleClick={() => resizeColumn(doc, sectionId, columnId, null)}
      onKeyDown={(event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        event.preventDefault();
        resizeColumn(
          doc,
          sectionId,
          columnId,
          width + (event.key === 'ArrowRight' ? KEY_STEP_PX : -KEY_STEP_PX),
        );
      }}
    />
  );
}

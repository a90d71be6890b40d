import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { chartImage } from './chart-image.ts';
import { whenKeyboardRests } from '../keyboard-rest.ts';
import { usePrinting } from './use-printing.ts';
import './charts.css';

/** Charts draw at their container's width within these bounds, then scale down with CSS if needed. */
const MIN_WIDTH = 480;
const MAX_WIDTH = 960;
/** A redraw waits until no key has been pressed for this long (tens of ms of SVG work). */
const REDRAW_REST_MS = 500;

interface ChartFigureProps {
  readonly title: string;
  /** The text alternative: what the chart shows, in a sentence or two a screen reader reads. */
  readonly summary: string;
  /** Draws the chart at the width available; called again whenever `drawKey` changes. */
  readonly draw: (width: number) => Element;
  /** The chart's data, exactly; what the chart draws and what the table lists. Built only while shown or printed. */
  readonly data: () => ReactNode;
  /** Changes whenever the chart must be drawn again (the data, or its options). */
  readonly drawKey: string;
  /** What the marks mean, when colour or shape alone would not say. */
  readonly legend?: ReactNode;
}

/**
 * A chart with its words and its numbers: the summary is the chart's text alternative, and the
 * data table is one keystroke away on the button right after it (and always printed).
 */
export function ChartFigure({ title, summary, draw, data, drawKey, legend }: ChartFigureProps) {
  const canvas = useRef<HTMLDivElement>(null);
  const [showTable, setShowTable] = useState(false);
  const printing = usePrinting();
  const headingId = useId();
  const tableId = useId();

  useEffect(() => {
    let stale = false;
    const drawNow = (): void => {
      const container = canvas.current;
      if (container === null) return;
      const chart = draw(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, container.clientWidth)));
      // The container is the image and carries the text alternative; the marks' own ARIA labels
      // ("bar", "line") would only add noise inside it.
      chart.setAttribute('aria-hidden', 'true');
      const image = chartImage(chart, container);
      if (!(image instanceof HTMLImageElement)) {
        container.replaceChildren(image);
        return;
      }
      // Swapped in once decoded, so a redraw never shows an empty frame.
      image
        .decode()
        .catch(() => {})
        .then(() => {
          if (!stale) container.replaceChildren(image);
        });
    };
    if (canvas.current?.firstChild == null) {
      drawNow();
      return () => {
        stale = true;
      };
    }
    const cancel = whenKeyboardRests(drawNow, REDRAW_REST_MS);
    return () => {
      stale = true;
      cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `draw` is new every render; the key says when its output changes.
  }, [drawKey]);

  return (
    <figure className="chart" aria-labelledby={headingId}>
      <h3 id={headingId} className="chart-title">
        {title}
      </h3>
      {legend}
      <div ref={canvas} className="chart-canvas" role="img" aria-label={`${title}. ${summary}`} />
      <figcaption className="chart-summary">{summary}</figcaption>
      <button
        type="button"
        className="quiet chart-table-toggle"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable(!showTable)}
      >
        {showTable ? 'Hide data table' : 'Show data table'}
      </button>
      <div id={tableId} className={showTable ? 'chart-data' : 'chart-data chart-data-collapsed'}>
        {(showTable || printing) && data()}
      </div>
    </figure>
  );
}

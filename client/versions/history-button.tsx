import { lazy, Suspense, useRef, useState } from 'react';
import type { HistoryPanelProps } from './history-panel.tsx';

// Comparing, restoring and rendering versions is only needed once someone opens the history.
const HistoryPanel = lazy(() =>
  import('./history-panel.tsx').then((module) => ({ default: module.HistoryPanel })),
);

/** The "History" button of the document header; focus returns to it when the panel closes. */
export function HistoryButton(props: Omit<HistoryPanelProps, 'onClose'>) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={button} type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        History
      </button>
      {open && (
        <Suspense fallback={null}>
          <HistoryPanel
            {...props}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}

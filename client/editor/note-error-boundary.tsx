import { Component, type ReactNode } from 'react';

interface NoteErrorBoundaryProps {
  /** What to show instead of a note editor that failed to start or render. */
  readonly fallback: ReactNode;
  readonly children: ReactNode;
}

/**
 * Keeps a note editor that throws (a note changed into something y-tiptap cannot convert between
 * the check and the editor's start) from taking the whole page down: the note falls back to its
 * static rendering, which shows anything outside the schema as plain text.
 */
export class NoteErrorBoundary extends Component<NoteErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

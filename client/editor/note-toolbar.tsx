import { useEditorState, type Editor } from '@tiptap/react';

/**
 * The formatting a worksheet needs: headings, bold, italic, lists, links, and undo/redo of
 * one's own changes. A toolbar with labelled toggle buttons (aria-pressed), usable by keyboard.
 */
export function NoteToolbar({
  editor,
  label,
}: {
  readonly editor: Editor;
  readonly label: string;
}) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      h2: current.isActive('heading', { level: 2 }),
      h3: current.isActive('heading', { level: 3 }),
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bullet: current.isActive('bulletList'),
      ordered: current.isActive('orderedList'),
      link: current.isActive('link'),
    }),
  });
  const chain = () => editor.chain().focus();
  const toggleLink = (): void => {
    if (state.link) {
      chain().unsetLink().run();
      return;
    }
    const href = window.prompt('Link address (https://…)');
    if (href !== null && /^(https?:\/\/|mailto:)/i.test(href.trim()))
      chain().setLink({ href: href.trim() }).run();
  };
  const buttons: [string, boolean, () => void][] = [
    ['Heading', state.h2, () => chain().toggleHeading({ level: 2 }).run()],
    ['Subheading', state.h3, () => chain().toggleHeading({ level: 3 }).run()],
    ['Bold', state.bold, () => chain().toggleBold().run()],
    ['Italic', state.italic, () => chain().toggleItalic().run()],
    ['Bulleted list', state.bullet, () => chain().toggleBulletList().run()],
    ['Numbered list', state.ordered, () => chain().toggleOrderedList().run()],
    ['Link', state.link, toggleLink],
  ];
  return (
    <div className="toolbar" role="toolbar" aria-label={label}>
      {buttons.map(([name, active, run]) => (
        <button
          key={name}
          type="button"
          aria-pressed={active}
          onMouseDown={(event) => event.preventDefault()}
          onClick={run}
        >
          {name}
        </button>
      ))}
      <button
        type="button"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => chain().undo().run()}
      >
        Undo
      </button>
      <button
        type="button"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => chain().redo().run()}
      >
        Redo
      </button>
    </div>
  );
}

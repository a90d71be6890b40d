import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/** Where someone is typing in a table, published in awareness so the cell shows who. */
export interface CellFocus {
  readonly sectionId: string;
  readonly rowId: string;
  readonly columnId: string;
}

export interface PresentPerson {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly isMe: boolean;
  readonly cell: CellFocus | null;
}

const CELL_FIELD = 'cell';

function readPeople(awareness: Awareness): PresentPerson[] {
  const people: PresentPerson[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (typeof user?.name !== 'string' || typeof user.color !== 'string') return;
    const cell = (state as Record<string, unknown>)[CELL_FIELD] as CellFocus | null | undefined;
    people.push({ clientId, name: user.name, color: user.color, isMe: clientId === awareness.clientID, cell: cell ?? null });
  });
  return people.sort((a, b) => (a.isMe === b.isMe ? a.name.localeCompare(b.name) : a.isMe ? -1 : 1));
}

/** Everyone in the document, me first; updated as people come, go and move. */
export function usePresence(awareness: Awareness): PresentPerson[] {
  const [people, setPeople] = useState(() => readPeople(awareness));
  useEffect(() => {
    const onChange = (): void => setPeople(readPeople(awareness));
    awareness.on('change', onChange);
    onChange();
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return people;
}

export function publishCellFocus(awareness: Awareness, focus: CellFocus | null): void {
  awareness.setLocalStateField(CELL_FIELD, focus);
}

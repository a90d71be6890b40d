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
  /** Named by a district account (checked by the relay), not a name typed on a device. */
  readonly signedIn: boolean;
  /** That account's id, when signed in. */
  readonly account: string | null;
  readonly cell: CellFocus | null;
}

const CELL_FIELD = 'cell';

function readPeople(awareness: Awareness): PresentPerson[] {
  const people: PresentPerson[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown; account?: unknown } }).user;
    if (typeof user?.name !== 'string' || typeof user.color !== 'string') return;
    const cell = (state as Record<string, unknown>)[CELL_FIELD] as CellFocus | null | undefined;
    people.push({
      clientId,
      name: user.name,
      color: user.color,
      isMe: clientId === awareness.clientID,
      signedIn: typeof user.account === 'string',
      account: typeof user.account === 'string' ? user.account : null,
      cell: cell ?? null,
    });
  });
  return people.sort((a, b) =>
    a.isMe === b.isMe ? a.name.localeCompare(b.name) : a.isMe ? -1 : 1,
  );
}

function samePerson(a: PresentPerson, b: PresentPerson): boolean {
  return (
    a.clientId === b.clientId &&
    a.name === b.name &&
    a.color === b.color &&
    a.isMe === b.isMe &&
    a.signedIn === b.signedIn &&
    a.account === b.account &&
    a.cell?.sectionId === b.cell?.sectionId &&
    a.cell?.rowId === b.cell?.rowId &&
    a.cell?.columnId === b.cell?.columnId
  );
}

export function samePeople(a: readonly PresentPerson[], b: readonly PresentPerson[]): boolean {
  return a.length === b.length && a.every((person, index) => samePerson(person, b[index]!));
}

/**
 * Everyone in the document, me first; updated as people come, go and move between cells.
 * Awareness changes with every caret move of every person (dozens a second with a full room),
 * while what this list shows rarely does: it is read at most once per frame, and the page
 * renders again only when a name, colour or cell changed.
 */
export function usePresence(awareness: Awareness): readonly PresentPerson[] {
  const [people, setPeople] = useState(() => readPeople(awareness));
  useEffect(() => {
    let frame: number | null = null;
    const read = (): void => {
      frame = null;
      const next = readPeople(awareness);
      setPeople((previous) => (samePeople(previous, next) ? previous : next));
    };
    const onChange = (): void => {
      frame ??= requestAnimationFrame(read);
    };
    awareness.on('change', onChange);
    read();
    return () => {
      awareness.off('change', onChange);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [awareness]);
  return people;
}

export function publishCellFocus(awareness: Awareness, focus: CellFocus | null): void {
  awareness.setLocalStateField(CELL_FIELD, focus);
}

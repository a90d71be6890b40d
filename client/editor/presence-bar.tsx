import { useId, useState } from 'react';
import { writeDisplayName } from '../sync/device-store.ts';
import type { PresentPerson } from '../sync/use-presence.ts';

interface PresenceBarProps {
  readonly people: readonly PresentPerson[];
  /** Null for someone signed in: their name is their district account's. */
  readonly onRename: ((name: string) => void) | null;
}

/**
 * Who is here, with their colours. The display name is asked for here, once per device, and
 * never blocks editing: until it is set, the person appears as "Guest" and a number.
 */
export function PresenceBar({ people, onRename }: PresenceBarProps) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const me = people.find((person) => person.isMe);
  const [name, setName] = useState('');
  return (
    <div className="presence">
      <h2 className="visually-hidden">Who is here</h2>
      <ul
        className="people"
        aria-label={`${people.length} ${people.length === 1 ? 'person' : 'people'} here`}
      >
        {people.map((person) => (
          <li key={person.clientId} className="person" style={{ borderColor: person.color }}>
            <span
              className="person-dot"
              style={{ backgroundColor: person.color }}
              aria-hidden="true"
            />
            {person.name}
            {person.signedIn && <span className="visually-hidden"> (signed in)</span>}
            {person.isMe && <span className="you"> (you)</span>}
          </li>
        ))}
      </ul>
      {onRename === null ? null : editing ? (
        <form
          className="name-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim() === '') return;
            writeDisplayName(name);
            onRename(name.trim());
            setEditing(false);
          }}
        >
          <label htmlFor={id}>Your name</label>
          <input
            id={id}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            autoFocus
            maxLength={60}
          />
          <button type="submit">Save</button>
        </form>
      ) : (
        <button
          type="button"
          className="quiet"
          onClick={() => (
            setName(me?.name.startsWith('Guest ') ? '' : (me?.name ?? '')),
            setEditing(true)
          )}
        >
          {me?.name.startsWith('Guest ') ? 'Set your name' : 'Change your name'}
        </button>
      )}
    </div>
  );
}

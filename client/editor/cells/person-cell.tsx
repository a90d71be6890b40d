import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type * as Y from 'yjs';
import { ensureTextCell, linkPerson, textCell } from '#core/schema';
import type { PickablePerson } from '../../identity/people-api.ts';
import { useTextField } from '../use-text-field.ts';
import type { CellAddress } from './cell-address.ts';
import { usePeopleToPick } from './people-to-pick.ts';
import './person-cell.css';

interface PersonCellProps {
  readonly doc: Y.Doc;
  readonly address: CellAddress;
  readonly label: string;
  /** The account the cell is linked to, when it is. */
  readonly account: string | undefined;
  readonly readOnly: boolean;
  readonly onFocus: () => void;
  readonly onBlur: () => void;
}

/** The people whose name contains what is typed; everyone for an empty cell. */
function matching(people: readonly PickablePerson[], typed: string): readonly PickablePerson[] {
  const wanted = typed.trim().toLocaleLowerCase();
  return wanted === ''
    ? people
    : people.filter((person) => person.name.toLocaleLowerCase().includes(wanted));
}

/**
 * A person cell as an editable combobox (WAI-ARIA 1.2, list autocomplete): the text is the
 * cell's Y.Text, so anyone can type a name without an account and two people typing merge; the
 * list offers the workspace's members and the signed-in people present, and picking one links
 * the cell to their account. The list opens on focus with everyone, narrows to the names holding
 * what is typed, and opens again with Alt+Down. Once the person types or presses Alt+Down, the
 * arrows move in it, Enter picks and Escape closes it; before that the arrows keep the grid's moves.
 */
export function PersonCell({
  doc,
  address,
  label,
  account,
  readOnly,
  onFocus,
  onBlur,
}: PersonCellProps) {
  const { sectionId, rowId, columnId } = address;
  const listId = useId();
  const ref = useRef<HTMLInputElement>(null);
  const text = textCell(doc, sectionId, rowId, columnId);
  const initial = useRef(text?.toString() ?? '');
  // What the cell says, for the list's search and the linked name: the one field that renders
  // with its text, which the binding reports after every change.
  const [value, setValue] = useState(initial.current);
  useTextField(ref, {
    text,
    ensureText: () => ensureTextCell(doc, sectionId, rowId, columnId),
    onValue: setValue,
  });
  const people = usePeopleToPick();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState<number | null>(null);
  // Everyone until the person types: what the cell already says is no search.
  const [typed, setTyped] = useState(false);
  // The arrows belong to the list once the person types or asks for it (Alt+Down); until then
  // they move between cells, so walking the table by keyboard does not stop at every owner.
  const [engaged, setEngaged] = useState(false);
  const options = typed ? matching(people, value) : people;
  const shown = open && !readOnly && options.length > 0;
  const linked = account === undefined ? undefined : people.find((p) => p.account === account);
  const place = useListPlace(ref, shown);

  const pick = (person: PickablePerson): void => {
    linkPerson(doc, sectionId, rowId, columnId, person);
    setOpen(false);
    setActive(null);
    setTyped(false);
    setEngaged(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (readOnly) return;
    const handled = (): void => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === 'ArrowDown' && (engaged || event.altKey) && options.length > 0) {
      handled();
      setOpen(true);
      setEngaged(true);
      setActive(active === null || !shown ? 0 : (active + 1) % options.length);
    } else if (event.key === 'ArrowUp' && shown && engaged) {
      handled();
      setActive(active === null || active === 0 ? options.length - 1 : active - 1);
    } else if (event.key === 'Enter' && shown && engaged && active !== null && options[active]) {
      handled();
      pick(options[active]);
    } else if (event.key === 'Escape' && shown) {
      handled();
      setOpen(false);
      setEngaged(false);
      setActive(null);
    }
  };

  return (
    <span className="person-cell">
      <input
        ref={ref}
        type="text"
        className="cell-input"
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-describedby={people.length > 0 && !readOnly ? `${listId}-hint` : undefined}
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={
          shown && active !== null && active < options.length ? `${listId}-${active}` : undefined
        }
        defaultValue={initial.current}
        readOnly={readOnly}
        onFocus={() => {
          setOpen(true);
          setTyped(false);
          setEngaged(false);
          onFocus();
        }}
        onBlur={() => {
          setOpen(false);
          setActive(null);
          onBlur();
        }}
        onInput={() => {
          setOpen(true);
          setTyped(true);
          setEngaged(true);
          setActive(null);
        }}
        onKeyDown={onKeyDown}
      />
      {account !== undefined && (
        <span className="person-account">
          <span aria-hidden="true">✓ </span>
          {linked !== undefined && linked.name !== value.trim() ? `now ${linked.name}` : 'account'}
          <span className="visually-hidden">, linked to a signed-in account</span>
        </span>
      )}
      {people.length > 0 && !readOnly && (
        <span id={`${listId}-hint`} className="visually-hidden">
          Type a name or press Alt+Down to pick someone from the workspace.
        </span>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label={`People for ${label}`}
        hidden={!shown}
        style={place}
      >
        {shown &&
          options.map((person, index) => (
            <li
              key={person.account}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              // Keeps the focus in the field, so its blur does not close the list before the click.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(person)}
            >
              {person.name}
            </li>
          ))}
      </ul>
    </span>
  );
}

/**
 * Where the list goes: under the field, fixed to the window, because the table scrolls in its own
 * box, which would cut off a list placed inside it. Followed while the page or the table scrolls.
 */
function useListPlace(
  field: RefObject<HTMLInputElement | null>,
  shown: boolean,
): CSSProperties | undefined {
  const [place, setPlace] = useState<CSSProperties | undefined>(undefined);
  useLayoutEffect(() => {
    if (!shown || field.current === null) return;
    const input = field.current;
    const follow = (): void => {
      const box = input.getBoundingClientRect();
      setPlace({ top: box.bottom, left: box.left, minWidth: box.width });
    };
    follow();
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    return () => {
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
    };
  }, [field, shown]);
  return place;
}

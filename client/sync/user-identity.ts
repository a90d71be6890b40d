import { accountParticipantId } from '#core/metrics/respondents';
import { readDisplayName, readParticipantId } from './device-store.ts';

/**
 * Colours for people's carets and name tags. Each is dark enough for white text on it and for
 * a caret on white paper (contrast ≥ 4.5:1 both ways), as WCAG AA asks.
 */
export const PERSON_COLOURS = [
  '#1f5fa8',
  '#a3341c',
  '#2c6e3f',
  '#7b3fa0',
  '#a1005e',
  '#7a5200',
  '#00656e',
  '#4b5563',
] as const;

/**
 * What others see of a person in awareness: `id` is their participant id. `account` is set for
 * someone signed in; the relay passes such a state only from that account's socket, with the
 * account's name, so it can be shown as signed in.
 */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly account?: string;
}

/** Who answers on this device: its participant id, and the display name older documents keyed answers by. */
export interface Participant {
  readonly id: string;
  readonly formerKey: string | null;
}

/** A small stable number from a participant id, for "Guest 123" and the colour. */
function numberOf(id: string): number {
  let hash = 0;
  for (let index = 0; index < id.length; index++)
    hash = (Math.imul(hash, 31) + id.charCodeAt(index)) >>> 0;
  return hash;
}

export function colourFor(id: string): string {
  return PERSON_COLOURS[numberOf(id) % PERSON_COLOURS.length]!;
}

/**
 * This device's person: the name set on it, or "Guest" and a number until then; the number and
 * colour come from the participant id, so they are the same in every document.
 */
export function personOfDevice(): Person {
  const id = readParticipantId();
  return { id, name: readDisplayName() ?? `Guest ${numberOf(id) % 1000}`, color: colourFor(id) };
}

/** The projector view's presence: labelled as the facilitator's (this device's person's) projector. */
export function projectorOfDevice(): Person {
  const name = readDisplayName();
  const person = personOfDevice();
  return { ...person, name: name === null ? "The facilitator's projector" : `${name}'s projector` };
}

export function participantOfDevice(): Participant {
  return { id: readParticipantId(), formerKey: readDisplayName() };
}

/** A signed-in person: named and coloured by their account, whatever the device. */
export function personOfAccount(account: { readonly id: string; readonly name: string }): Person {
  return {
    id: accountParticipantId(account.id),
    name: account.name,
    color: colourFor(account.id),
    account: account.id,
  };
}

/**
 * Who answers as a signed-in person: the account, so their rubric answers follow them between
 * devices; an answer this device gave before signing in is taken over at the next change.
 */
export function participantOfAccount(accountId: string): Participant {
  return { id: accountParticipantId(accountId), formerKey: readParticipantId() };
}

import { readDisplayName } from './device-store.ts';

/**
 * Colours for people's carets and name tags. Each is dark enough for white text on it and for
 * a caret on white paper (contrast ≥ 4.5:1 both ways), as WCAG AA asks.
 */
export const PERSON_COLOURS = ['#1f5fa8', '#a3341c', '#2c6e3f', '#7b3fa0', '#a1005e', '#7a5200', '#00656e', '#4b5563'] as const;

export interface Person {
  readonly name: string;
  readonly color: string;
}

export function colourFor(clientId: number): string {
  return PERSON_COLOURS[clientId % PERSON_COLOURS.length]!;
}

/** The name shown to others: the one set on this device, or "Guest" plus a number until then. */
export function personFor(clientId: number): Person {
  return { name: readDisplayName() ?? `Guest ${clientId % 1000}`, color: colourFor(clientId) };
}

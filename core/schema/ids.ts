import * as random from 'lib0/random';

/**
 * Short random ids for sections, columns, rows and choice options. 64 random bits: ids are
 * created by many replicas without coordination, so they must not collide, but they also appear
 * as map keys in every row, so they should stay short.
 */
export function createId(): string {
  return (
    random.uint32().toString(36).padStart(7, '0') + random.uint32().toString(36).padStart(7, '0')
  );
}

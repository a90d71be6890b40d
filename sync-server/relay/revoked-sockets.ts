import type { Access, Role } from '../storage/document-store.ts';
import { CLOSE } from './close-codes.ts';
import type { Room } from './room.ts';

/** Sockets a replaced link of this workspace and role opened. */
export const openedWithRole =
  (workspaceId: string, role: Role) =>
  (access: Access): boolean =>
    access.workspaceId === workspaceId && access.role === role;

/** Sockets a signed-in account opened in this workspace (removed, or its role changed). */
export const openedByAccount =
  (workspaceId: string, accountId: string) =>
  (access: Access): boolean =>
    access.workspaceId === workspaceId && access.accountId === accountId;

/** Closes the sockets whose access was revoked (4401), in every room given. */
export function closeRevokedSockets(
  rooms: Iterable<Room>,
  revoked: (access: Access) => boolean,
): void {
  for (const room of rooms)
    room.closeWhere((connection) => revoked(connection.access), CLOSE.tokenRevoked);
}

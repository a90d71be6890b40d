/** better-sqlite3 returns Buffers; callers get plain Uint8Array views of the same bytes. */
export const bytes = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** Waits, a millisecond at a time and at most 500 times, until `done()` holds. */
export async function until(what: string, done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500; turn++) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`gave up waiting for ${what}`);
}

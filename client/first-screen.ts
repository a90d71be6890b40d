/**
 * The server sends a share link's page with the document's first screen in it, read-only, in
 * `#first-screen` before the app's root, which the stylesheet hides while it is there
 * (first-screen.css). The live page takes its place in one step, from a layout effect, so the
 * frame that shows the editor is the first without the stand-in: no blank frame in between, and
 * nothing that was on screen moves (the stand-in goes, the page comes). Safe to call again.
 */
export function replaceFirstScreen(): void {
  document.getElementById('first-screen')?.remove();
}

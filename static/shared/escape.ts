// Escape closes one thing at a time: an open menu or popup (a select's list, a date picker's
// calendar) takes it for itself, so the form or dialog around it stays open. Read while the key
// is handled: the menu's own control still says aria-expanded="true" then.

/** The Escape pressed on `target` belongs to an open menu or popup inside it. */
export function escapeClaimed(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[aria-expanded="true"]') !== null;
}

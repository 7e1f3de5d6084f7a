/** The text of anything thrown: an Error's message (HttpError's is already a full sentence), else its string form. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The text of a failure, for a banner: an Error's message, anything else as a string. */
export function message(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

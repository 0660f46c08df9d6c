/**
 * A copy of a string that holds none of the text it was cut from. V8 keeps a
 * slice of 13 characters or more as a view into its parent, so a cache key cut
 * from a document would keep the whole document alive.
 */
export function detach(text: string): string {
  return text.length > 12 ? ` ${text}`.slice(1) : text;
}

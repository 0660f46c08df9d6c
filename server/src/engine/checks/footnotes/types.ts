/** The vocabulary of the footnote checks: markers in the body, entries of a notes list. */

/** GFM footnotes (`[^1]`, `[^1]: …`) or notes numbered by hand (superscripts, `^{12}`, `[12]` against a notes list). */
export type NoteSystemKind = 'gfm' | 'manual';

/**
 * How a marker is written: `[^3]` (gfm), `³` (superscript), `^3` / `^{3,4}` / `^3^`
 * (caret), `[3]` (bracket), `<sup>3</sup>` (sup), or a plain digit standing where a
 * marker belongs (plain, found by `footnote/stray-digit`).
 */
export type MarkerStyle = 'gfm' | 'superscript' | 'caret' | 'bracket' | 'sup' | 'plain';

/** A note marker in the body: `[^3]`, `³`, `^{12,13}` (one marker per number), `[12]`. */
export interface NoteMarker {
  label: string;
  /** The numeric value when the label is a number. */
  number?: number;
  start: number;
  end: number;
  system: NoteSystemKind;
  style: MarkerStyle;
  /** The characters that hold the label or number: what renumbering rewrites. */
  labelStart: number;
  labelEnd: number;
}

/** An entry of the notes list, or a GFM footnote definition. */
export interface NoteEntry {
  label: string;
  /** The number the entry stands for: as written, or counted on from the entry before when it has none. */
  number?: number;
  /** The whole entry, and its text without the number or label. */
  start: number;
  end: number;
  textStart: number;
  textEnd: number;
  text: string;
  system: NoteSystemKind;
  /** The number as written in the list, and where; absent for an unnumbered entry ("- Smith, …"). */
  writtenNumber?: number;
  numberStart?: number;
  numberEnd?: number;
  /** Whether the written number is superscript digits ("¹² Smith, …"). */
  isSuperscriptNumber?: boolean;
}

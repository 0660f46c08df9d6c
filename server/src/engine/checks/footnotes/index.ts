import type { Check, CheckContext } from '../../check';
import type { Fix } from '../../types';

/** A note marker in the body: `[^3]`, `³`, `^{12,13}` (one marker per number), `[12]`. */
export interface NoteMarker {
  label: string;
  /** The numeric value when the label is a number. */
  number?: number;
  start: number;
  end: number;
}

/** An entry of the notes list, or a GFM footnote definition. */
export interface NoteEntry {
  label: string;
  number?: number;
  /** The whole entry, and its text without the number or label. */
  start: number;
  end: number;
  textStart: number;
  textEnd: number;
  text: string;
}

export interface NoteIndex {
  markers: NoteMarker[];
  notes: NoteEntry[];
  /** One fix that renumbers every note in order of first reference (markers and list together), or undefined when nothing changes. */
  renumber(): Fix | undefined;
}

/** The note markers and notes list of the document, computed once per analysis. */
export function noteIndex(ctx: CheckContext): NoteIndex {
  return ctx.shared('notes', () => ({ markers: [], notes: [], renumber: () => undefined }));
}

/** The footnote/ checks, in report order. */
export const footnoteChecks: Check[] = [];

/**
 * The footnote family: GFM footnotes in Markdown, and notes numbered by hand
 * (superscripts, `^{12,13}`, `[12]`) against a notes list in plain text or
 * Markdown. `noteIndex` is what the editor reads for hovers, go to definition and
 * the whole-document renumber command.
 */
import type { Check, CheckContext } from '../../check';
import type { Fix } from '../../types';
import { noteSystems } from './analysis';
import { duplicateNote } from './duplicateNote';
import { gap } from './gap';
import { missingNote } from './missingNote';
import { mixedNumbering } from './mixedNumbering';
import { order } from './order';
import { strayDigit } from './strayDigit';
import type { NoteEntry, NoteMarker } from './types';
import { unusedNote } from './unusedNote';

export type { MarkerStyle, NoteEntry, NoteMarker, NoteSystemKind } from './types';
export { RENUMBER_TITLE } from './analysis';

export interface NoteIndex {
  /** Every marker in document order (stray plain digits included, `style: 'plain'`). */
  markers: NoteMarker[];
  /** Every note: the entries of the notes list and the GFM definitions, in document order. */
  notes: NoteEntry[];
  /** The note a marker points at (the first, when a label or number is given twice). */
  noteOf(marker: NoteMarker): NoteEntry | undefined;
  /** One fix that renumbers every note in order of first reference (markers and list together), or undefined when nothing changes. */
  renumber(): Fix | undefined;
}

/** The note markers and notes list of the document, computed once per analysis. */
export function noteIndex(ctx: CheckContext): NoteIndex {
  return ctx.shared('notes', () => {
    const systems = noteSystems(ctx);
    const markers = systems.flatMap((s) => s.markers).sort((a, b) => a.start - b.start);
    const notes = systems.flatMap((s) => s.entries).sort((a, b) => a.start - b.start);
    let renumbered: { fix: Fix | undefined } | undefined;
    return {
      markers,
      notes,
      noteOf(marker: NoteMarker) {
        const system = systems.find((s) => s.kind === marker.system);
        return system?.entriesByKey.get(system.keyOf(marker))?.[0];
      },
      renumber() {
        if (!renumbered) {
          const fixes = systems.map((s) => s.renumber()).filter((f): f is Fix => f !== undefined);
          renumbered = {
            fix:
              fixes.length === 0
                ? undefined
                : { title: fixes[0]!.title, edits: fixes.flatMap((f) => f.edits).sort((a, b) => a.start - b.start), isPreferred: true },
          };
        }
        return renumbered.fix;
      },
    };
  });
}

/** The footnote/ checks, in report order. */
export const footnoteChecks: Check[] = [missingNote, unusedNote, duplicateNote, gap, order, strayDigit, mixedNumbering];

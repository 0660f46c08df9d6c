/**
 * Go to definition: from a note marker to its entry in the notes list (or its
 * GFM footnote definition), from an acronym to the place the document defines it.
 */
import type { Location } from 'vscode-languageserver';
import type { Analysis } from '../engine/index';
import { acronymIndex } from '../engine/checks/acronyms/index';
import { noteIndex } from '../engine/checks/footnotes/index';
import { toRange } from './diagnostics';

function isAt(offset: number, span: { start: number; end: number }): boolean {
  return span.start <= offset && offset < span.end;
}

export function definitionAt(analysis: Analysis, uri: string, offset: number): Location[] {
  const { lines } = analysis.document;
  const notes = noteIndex(analysis.context);
  const marker = notes.markers.find((m) => isAt(offset, m));
  if (marker) {
    const note = notes.noteOf(marker);
    return note ? [{ uri, range: toRange(lines, note.start, note.end) }] : [];
  }
  const acronyms = acronymIndex(analysis.context);
  const use = acronyms.uses.find((u) => isAt(offset, u));
  // A use before the definition has none in force; the later definition is still where the reader should go.
  const definition = use ? (use.definition ?? acronyms.definitions.find((d) => d.acronym === use.acronym)) : undefined;
  return definition ? [{ uri, range: toRange(lines, definition.start, definition.end) }] : [];
}

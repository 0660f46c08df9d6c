/**
 * Document symbols: the notes list as one outline entry with a child per
 * note. Plain text has no other outline provider, so its headings are listed
 * too; Markdown's headings already come from VS Code's own Markdown support.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Analysis } from '../engine/index';
import { noteIndex } from '../engine/checks/footnotes/index';
import { toRange } from './diagnostics';

const NAME_LENGTH = 60;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= NAME_LENGTH ? flat : `${flat.slice(0, NAME_LENGTH - 1).trimEnd()}…`;
}

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const { document } = analysis;
  const { lines } = document;
  const symbols: DocumentSymbol[] = [];
  if (document.kind === 'plaintext') {
    for (const heading of document.headings) {
      if (heading.text.trim() === '') continue;
      const range = toRange(lines, heading.start, heading.end);
      symbols.push({ name: heading.text.trim(), kind: SymbolKind.String, range, selectionRange: toRange(lines, heading.textStart, heading.textEnd) });
    }
  }
  const notes = noteIndex(analysis.context).notes;
  if (notes.length === 0) return symbols;
  const children: DocumentSymbol[] = notes.map((note) => ({
    name: `${note.label}`,
    detail: shorten(note.text),
    kind: SymbolKind.Key,
    range: toRange(lines, note.start, note.end),
    selectionRange: toRange(lines, note.start, Math.min(note.end, note.textStart > note.start ? note.textStart : note.end)),
  }));
  const first = Math.min(...notes.map((n) => n.start));
  const last = Math.max(...notes.map((n) => n.end));
  const heading = document.notesSection?.heading;
  const start = heading ? Math.min(heading.start, first) : first;
  const end = Math.max(last, document.notesSection?.end ?? last);
  const selection = heading ? toRange(lines, heading.textStart, heading.textEnd) : toRange(lines, first, first);
  const notesSymbol: DocumentSymbol = {
    name: heading?.text.trim() || 'Notes',
    detail: `${notes.length} note${notes.length === 1 ? '' : 's'}`,
    kind: SymbolKind.Namespace,
    range: toRange(lines, start, end),
    selectionRange: selection,
    children,
  };
  // In plain text the notes heading is already listed: nest the notes under it instead of listing it twice.
  const existing = heading ? symbols.find((s) => s.name === heading.text.trim() && s.range.start.line === lines.positionAt(heading.start).line) : undefined;
  if (existing) {
    existing.range = notesSymbol.range;
    existing.children = children;
    existing.detail = notesSymbol.detail;
  } else {
    symbols.push(notesSymbol);
  }
  return symbols;
}

/**
 * Hover: on a term (any form, its hanzi, its acronym) the glossary card; on
 * an acronym the document defines, its expansion and the line that defines
 * it; on a note marker, the note's text. Several can apply at once (an
 * acronym that is also a termbase term): they are shown one after another.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Analysis, CompiledTermbase } from '../engine/index';
import { acronymIndex, type AcronymDefinition } from '../engine/checks/acronyms/index';
import { noteIndex } from '../engine/checks/footnotes/index';
import { escapeMarkdown, markdownCard } from './glossaryCard';
import { toRange } from './diagnostics';

const EXCERPT_LENGTH = 160;

function isAt(offset: number, span: { start: number; end: number }): boolean {
  return span.start <= offset && offset < span.end;
}

/** The line that holds an offset, shortened around it to about EXCERPT_LENGTH characters. */
export function lineExcerpt(analysis: Analysis, start: number, end: number): string {
  const { lines } = analysis.document;
  const line = lines.positionAt(start).line;
  const lineStart = lines.lineStart(line);
  const text = lines.lineText(line);
  const from = Math.max(0, start - lineStart - EXCERPT_LENGTH / 2);
  const to = Math.min(text.length, Math.max(end - lineStart, from) + EXCERPT_LENGTH / 2);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`;
}

type Where = 'here' | 'before' | 'after';

function acronymSection(analysis: Analysis, definition: AcronymDefinition, where: Where): string {
  const line = analysis.document.lines.positionAt(definition.start).line + 1;
  const head = `**${escapeMarkdown(definition.acronym)}**: ${escapeMarkdown(definition.expansion)}`;
  if (where === 'here') return `${head}\n\nDefined here (line ${line}).`;
  const said = where === 'before' ? `Defined on line ${line}:` : `Defined only later, on line ${line}:`;
  return `${head}\n\n${said}\n\n> ${escapeMarkdown(lineExcerpt(analysis, definition.start, definition.end))}`;
}

export function hoverAt(analysis: Analysis, compiled: CompiledTermbase, offset: number): Hover | null {
  const sections: string[] = [];
  let range: { start: number; end: number } | undefined;
  const claim = (span: { start: number; end: number }) => {
    if (!range || span.end - span.start < range.end - range.start) range = { start: span.start, end: span.end };
  };

  const notes = noteIndex(analysis.context);
  const marker = notes.markers.find((m) => isAt(offset, m));
  if (marker) {
    const note = notes.noteOf(marker);
    const entries = note ? [note] : [];
    const label = escapeMarkdown(marker.label);
    if (entries.length === 0) sections.push(`**Note ${label}** has no entry in the notes list.`);
    for (const entry of entries) {
      const line = analysis.document.lines.positionAt(entry.start).line + 1;
      sections.push(`**Note ${label}** (line ${line})\n\n${escapeMarkdown(entry.text.trim())}`);
    }
    claim(marker);
  }

  const acronyms = acronymIndex(analysis.context);
  const definitionHere = acronyms.definitions.find((d) => isAt(offset, d));
  const use = definitionHere ? undefined : acronyms.uses.find((u) => isAt(offset, u));
  if (definitionHere) {
    sections.push(acronymSection(analysis, definitionHere, 'here'));
    claim(definitionHere);
  } else if (use) {
    const later = use.definition ? undefined : acronyms.definitions.find((d) => d.acronym === use.acronym && d.start > use.start);
    const definition = use.definition ?? later;
    if (definition) {
      sections.push(acronymSection(analysis, definition, later ? 'after' : 'before'));
      claim(use);
    }
  }

  const match = analysis.context.terms.matches.find((m) => isAt(offset, m));
  const concept = match ? compiled.concepts[match.concept] : undefined;
  if (match && concept) {
    const written = analysis.document.text.slice(match.start, match.end);
    sections.push(markdownCard(concept, { kind: match.form.kind, written }));
    claim(match);
  }

  if (sections.length === 0 || !range) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: toRange(analysis.document.lines, range.start, range.end),
  };
}

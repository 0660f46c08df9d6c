/**
 * The document model every check reads: prose runs with exact source offsets,
 * headings, the notes section and (for Markdown) the GFM footnotes, with code,
 * HTML, link destinations, URLs and front matter left out.
 */
import type { DocumentKind } from '../types';
import type { LineIndex } from '../lineIndex';

export interface Span {
  start: number;
  end: number;
}

/**
 * Whether an offset lies inside one of `spans` (sorted by start), for offsets
 * asked in ascending order: a cursor that only moves forward, so a pass over a
 * document costs one walk over the spans.
 */
export function insideSpansInOrder(spans: readonly Span[]): (offset: number) => boolean {
  let index = 0;
  return (offset) => {
    while (index < spans.length && spans[index]!.end <= offset) index++;
    const span = spans[index];
    return span !== undefined && span.start <= offset && offset < span.end;
  };
}

/**
 * A stretch of prose that matching may run across: its segments are source
 * slices joined transparently (markup such as `*` or a block-quote `> ` between
 * them is skipped). Anything excluded (code, a URL, an HTML tag) ends a run.
 */
export interface ProseRun {
  start: number;
  end: number;
  segments: Span[];
  /** The leaf block this run belongs to. */
  blockType: 'paragraph' | 'heading' | 'tableCell';
  /** Index into `BriefDocument.blocks`. */
  blockIndex: number;
  /** Inside the notes list (under a "Notes"/"Endnotes"/"References" heading) or a GFM footnote definition. */
  isInNotes: boolean;
}

export interface Heading {
  start: number;
  end: number;
  /** Offsets of the heading's text, without `#` markers. */
  textStart: number;
  textEnd: number;
  text: string;
  depth: number;
}

/** A leaf block in document order (paragraph, heading, list item paragraph, table cell…). */
export interface Block extends Span {
  type: 'paragraph' | 'heading' | 'tableCell';
  isInNotes: boolean;
}

/** The section that holds the notes list: from its heading to the next heading of the same or higher level. */
export interface NotesSection {
  heading: Heading;
  /** First offset after the heading line. */
  start: number;
  end: number;
}

export interface FootnoteReference extends Span {
  label: string;
}

export interface FootnoteDefinition extends Span {
  label: string;
  /** The `[^label]:` part. */
  labelStart: number;
  labelEnd: number;
  contentStart: number;
  contentEnd: number;
}

export interface BriefDocument {
  text: string;
  kind: DocumentKind;
  lines: LineIndex;
  runs: ProseRun[];
  blocks: Block[];
  headings: Heading[];
  notesSection?: NotesSection;
  /** GFM footnotes (Markdown only): references found by the parser and `[^x]` written where no definition exists. */
  footnoteReferences: FootnoteReference[];
  footnoteDefinitions: FootnoteDefinition[];
  /** Source ranges that are not prose: code, HTML, URLs, front matter, link destinations. Sorted. */
  excluded: Span[];
}

const NOTES_HEADING = /^(?:end\s*notes|foot\s*notes|notes|references|sources|bibliography|works cited)$/i;

const MARKUP_AT_START = new Set([' ', '\t', '\n', '\r', '*', '_', '~', '`']);
const MARKUP_AT_END = new Set([...MARKUP_AT_START, ':', '.']);

/** "Notes", "**Endnotes**", "References:" … (trimmed by hand: an end-anchored regex is quadratic on long runs of spaces). */
export function isNotesHeadingText(text: string): boolean {
  if (text.length > 200) return false;
  let start = 0;
  let end = text.length;
  while (start < end && MARKUP_AT_START.has(text[start]!)) start++;
  while (end > start && MARKUP_AT_END.has(text[end - 1]!)) end--;
  return NOTES_HEADING.test(text.slice(start, end));
}

/** Finds the notes section: the last heading named like a notes list, to the next heading of the same or higher level. */
export function findNotesSection(headings: Heading[], textLength: number): NotesSection | undefined {
  for (let i = headings.length - 1; i >= 0; i--) {
    const heading = headings[i]!;
    if (!isNotesHeadingText(heading.text)) continue;
    let end = textLength;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j]!.depth <= heading.depth) {
        end = headings[j]!.start;
        break;
      }
    }
    return { heading, start: heading.end, end };
  }
  return undefined;
}

export function isInside(offset: number, span: Span | undefined): boolean {
  return span !== undefined && offset >= span.start && offset < span.end;
}

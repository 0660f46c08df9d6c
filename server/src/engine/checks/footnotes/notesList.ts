/**
 * Reads a notes list written by hand: the entries under the notes heading
 * ("Notes", "Endnotes", "References"…), numbered `12.` `12)` `[12]` `(12)` `¹²`,
 * or bullets without a number, and lines that open with a superscript number
 * anywhere else (footnotes left at the foot of a page by a PDF extraction).
 *
 * One pass over the lines of the section; no regular expressions over whole lines.
 */
import { insideSpansInOrder, type BriefDocument, type Span } from '../../document/model';
import { LineIndex } from '../../lineIndex';
import { detach } from '../../detach';
import { readSuperscriptNumber, superscriptDigitCodeValue } from './superscript';

export interface ListEntry {
  start: number;
  end: number;
  textStart: number;
  textEnd: number;
  writtenNumber?: number;
  numberStart?: number;
  numberEnd?: number;
  isSuperscriptNumber?: boolean;
  /** How the number is framed: `[12]`, `(12)`, `12.`, `12)`. */
  numberOpen?: string;
  numberClose?: string;
  hasBullet: boolean;
  /** A foot line outside the notes section ("¹ Smith, …"): one line, no continuation. */
  isFootLine?: boolean;
}

const MAX_NUMBER_DIGITS = 6;
const BULLETS = '-*+•‣◦';

interface EntryStart {
  textStart: number;
  hasBullet: boolean;
  writtenNumber?: number;
  numberStart?: number;
  numberEnd?: number;
  isSuperscriptNumber?: boolean;
  numberOpen?: string;
  numberClose?: string;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';

/** Reads the digits at `i` (at most MAX_NUMBER_DIGITS, no leading zero): their end, or -1. */
function readDigits(text: string, i: number, end: number): number {
  if (i >= end || !isDigit(text.charCodeAt(i)) || text[i] === '0') return -1;
  let j = i;
  while (j < end && isDigit(text.charCodeAt(j))) j++;
  return j - i <= MAX_NUMBER_DIGITS ? j : -1;
}

/** Recognises the start of a list entry on one line, or returns 'definition' for a GFM `[^x]:` line. */
export function matchEntryStart(text: string, lineStart: number, lineEnd: number): EntryStart | 'definition' | undefined {
  let i = lineStart;
  while (i < lineEnd && i - lineStart < 8 && isBlank(text[i])) i++;
  if (text.startsWith('[^', i)) return 'definition';
  let hasBullet = false;
  if (BULLETS.includes(text[i] ?? '\n') && isBlank(text[i + 1])) {
    hasBullet = true;
    i += 1;
    while (i < lineEnd && isBlank(text[i])) i++;
  }
  const bulletEnd = i;
  const skipBlanks = (k: number) => {
    while (k < lineEnd && isBlank(text[k])) k++;
    return k;
  };
  const open = text[i];
  if (open === '[' || open === '(') {
    const digitsEnd = readDigits(text, i + 1, lineEnd);
    const close = open === '[' ? ']' : ')';
    if (digitsEnd > 0 && text[digitsEnd] === close && (digitsEnd + 1 >= lineEnd || isBlank(text[digitsEnd + 1]))) {
      return {
        textStart: skipBlanks(digitsEnd + 1),
        hasBullet,
        writtenNumber: Number(text.slice(i + 1, digitsEnd)),
        numberStart: i + 1,
        numberEnd: digitsEnd,
        numberOpen: open,
        numberClose: close,
      };
    }
  } else if (open !== undefined && isDigit(text.charCodeAt(i))) {
    const digitsEnd = readDigits(text, i, lineEnd);
    const close = text[digitsEnd];
    // "12. Smith", "12) Smith", "24."China's …" (no space); not "3.5 million" or "2021-25".
    if (digitsEnd > 0 && (close === '.' || close === ')')) {
      const after = text.charCodeAt(digitsEnd + 1);
      if (digitsEnd + 1 >= lineEnd || (!isDigit(after) && text[digitsEnd + 1] !== '.' && text[digitsEnd + 1] !== ',')) {
        return {
          textStart: skipBlanks(digitsEnd + 1),
          hasBullet,
          writtenNumber: Number(text.slice(i, digitsEnd)),
          numberStart: i,
          numberEnd: digitsEnd,
          numberOpen: '',
          numberClose: close,
        };
      }
    }
  } else {
    const superscript = readSuperscriptNumber(text, i, lineEnd);
    // "¹ Smith, …": a superscript number, a blank, then text (a lone "²" is a marker).
    if (superscript && isBlank(text[superscript.end]) && skipBlanks(superscript.end) < lineEnd) {
      return {
        textStart: skipBlanks(superscript.end),
        hasBullet,
        writtenNumber: superscript.value,
        numberStart: i,
        numberEnd: superscript.end,
        isSuperscriptNumber: true,
      };
    }
  }
  return hasBullet ? { textStart: bulletEnd, hasBullet } : undefined;
}

/** Whether the line at `lineStart` opens with a superscript number followed by a blank: a footnote at the foot of a page. */
export function isFootLine(text: string, lineStart: number, lineEnd: number): EntryStart | undefined {
  const start = matchEntryStart(text, lineStart, lineEnd);
  return start && start !== 'definition' && start.isSuperscriptNumber && !start.hasBullet ? start : undefined;
}

/** Whether the line's first character after up to 8 blanks is a superscript digit: a foot line needs one (a cheap test for every line of the body). */
function opensWithSuperscript(text: string, lineStart: number, lineEnd: number): boolean {
  let i = lineStart;
  while (i < lineEnd && i - lineStart < 8 && isBlank(text[i])) i++;
  return i < lineEnd && superscriptDigitCodeValue(text.charCodeAt(i)) >= 0;
}

function trimmedEnd(text: string, start: number, end: number): number {
  let j = end;
  while (j > start && /\s/.test(text[j - 1]!)) j--;
  return j;
}

/** The notes list of a document: its entries in document order and their texts, white space collapsed (what copies are compared by). */
export interface NotesList {
  entries: ListEntry[];
  texts: string[];
  /** When every entry stands in the notes section: the section's list, kept while the section is unchanged. */
  section?: NotesSectionList;
}

/** A notes section's list as kept across analyses (see `sectionLists`), and where the section stands now. */
export interface NotesSectionList {
  /**
   * What is computed from the list and its surroundings alone (offsets from `base`, strings
   * detached from the document): kept with the list while its source is unchanged.
   */
  memo: Map<string, unknown>;
  /** Where the section's first line starts. */
  base: number;
  /** The lines just before and just after the section, which a check of its first or last entry reads. */
  around: string;
}

/**
 * The entries of the notes list (under the notes heading), plus foot lines that
 * open with a superscript number elsewhere, in document order. A paragraph under
 * an entry that does not open like an entry continues it (PDF extractions break
 * URLs onto lines of their own).
 */
export function parseNotesList(doc: BriefDocument): ListEntry[] {
  return readNotesList(doc).entries;
}

/** `parseNotesList` with the entries' texts; the section's part is read once while the section is unchanged. */
export function readNotesList(doc: BriefDocument): NotesList {
  const { text, lines } = doc;
  const section = doc.notesSection;
  const headingStarts = new Set(doc.headings.map((h) => h.start));
  const sectionFirstLine = section ? lines.positionAt(section.start).line + 1 : lines.lineCount;
  let sectionLastLine = section ? lines.positionAt(Math.max(section.start, section.end - 1)).line : -1;
  while (sectionLastLine >= sectionFirstLine && lines.lineStart(sectionLastLine) >= section!.end) sectionLastLine--;
  const isExcludedAt = insideSpansInOrder(doc.excluded);
  // A line inside a GFM footnote definition belongs to that note (a lazy continuation), not to the list.
  const isInDefinitionAt = insideSpansInOrder(doc.footnoteDefinitions);

  const entries: ListEntry[] = [];
  const texts: string[] = [];
  // Outside the notes section only foot lines ("¹ Smith, …") are entries, one line each.
  const readFootLines = (fromLine: number, toLine: number) => {
    for (let line = fromLine; line < toLine; line++) {
      const lineStart = lines.lineStart(line);
      const lineEnd = lines.lineEnd(line);
      if (!opensWithSuperscript(text, lineStart, lineEnd)) continue;
      const foot = isFootLine(text, lineStart, lineEnd);
      if (foot && !headingStarts.has(lineStart) && !isExcludedAt(lineStart) && !isInDefinitionAt(lineStart)) {
        const entry = openEntry(text, foot, lineStart, lineEnd);
        entry.isFootLine = true;
        closeEntry(text, entry);
        entries.push(entry);
        texts.push(normaliseText(text.slice(entry.textStart, entry.textEnd)));
      }
    }
  };
  readFootLines(0, Math.min(sectionFirstLine, lines.lineCount));
  let sectionList: NotesSectionList | undefined;
  if (sectionFirstLine <= sectionLastLine) {
    const from = lines.lineStart(sectionFirstLine);
    const part = sectionEntries(doc, from, lines.lineEnd(sectionLastLine), headingStarts);
    for (const entry of part.entries) entries.push(shifted(entry, from));
    for (const t of part.texts) texts.push(t);
    if (entries.length === part.entries.length) {
      const lineText = (line: number) => (line >= 0 && line < lines.lineCount ? `${text.slice(lines.lineStart(line), lines.lineEnd(line))}\n` : '\u0001');
      sectionList = { memo: part.memo, base: from, around: detach(`${lineText(sectionFirstLine - 1)}\u0000${lineText(sectionLastLine + 1)}`) };
    }
    // The cursors move on past the section (they are asked in document order).
    isExcludedAt(lines.lineEnd(sectionLastLine));
    isInDefinitionAt(lines.lineEnd(sectionLastLine));
  }
  const footLinesBefore = entries.length;
  readFootLines(Math.max(sectionLastLine + 1, Math.min(sectionFirstLine, lines.lineCount)), lines.lineCount);
  if (entries.length > footLinesBefore) sectionList = undefined;
  return { entries, texts, ...(sectionList && { section: sectionList }) };
}

/** What a section's lines hold, with offsets from the section's first line. */
interface SectionList {
  entries: ListEntry[];
  texts: string[];
  memo: Map<string, unknown>;
}

/**
 * Section lists by everything `readSectionLines` reads: the source of the section's lines (compared
 * whole, hashed by length alone past 16K characters) and, per source, the headings, excluded spans
 * and GFM definitions that reach into it. Cleared when full.
 */
const sectionLists = new Map<string, Map<string, SectionList>>();
const MAX_SECTION_LISTS = 8;

/** The entries of the section's lines, from `from` (a line start) to `to` (the end of its last line). */
function sectionEntries(doc: BriefDocument, from: number, to: number, headingStarts: ReadonlySet<number>): SectionList {
  const source = doc.text.slice(from, to);
  // Headings at a line start or at its first non-blank character; spans that hold an offset of the section.
  let key = '';
  for (const start of headingStarts) if (start >= from && start <= to) key += `h${start - from},`;
  const spansIn = (spans: readonly Span[], tag: string) => {
    for (const span of spans) if (span.start <= to && span.end > from) key += `${tag}${span.start - from}-${span.end - from},`;
  };
  spansIn(doc.excluded, 'x');
  spansIn(doc.footnoteDefinitions, 'd');
  let bySource = sectionLists.get(source);
  let list = bySource?.get(key);
  if (!list) {
    // Read from a copy: what is kept must not keep the whole document alive.
    const own = detach(source);
    const headings = new Set<number>();
    for (const start of headingStarts) if (start >= from && start <= to) headings.add(start - from);
    const relative = (spans: readonly Span[]) =>
      spans.filter((span) => span.start <= to && span.end > from).map((span) => ({ start: span.start - from, end: span.end - from }));
    const entries = readSectionLines(own, headings, relative(doc.excluded), relative(doc.footnoteDefinitions));
    list = { entries, texts: entries.map((e) => normaliseText(own.slice(e.textStart, e.textEnd))), memo: new Map() };
    if (!bySource) {
      if (sectionLists.size >= MAX_SECTION_LISTS) sectionLists.clear();
      sectionLists.set(own, (bySource = new Map()));
    }
    bySource.set(key, list);
  }
  return list;
}

/**
 * The entries of a notes section's lines (`source`, every line in the section): an entry opens
 * at a line that opens like one and runs on over lines that do not; a heading, or an entry hidden
 * in code, HTML or a GFM definition, ends it, and what follows belongs to no entry until the next
 * entry opens.
 */
function readSectionLines(source: string, headingStarts: ReadonlySet<number>, excluded: readonly Span[], definitions: readonly Span[]): ListEntry[] {
  const lines = new LineIndex(source);
  const isExcludedAt = insideSpansInOrder(excluded);
  const isInDefinitionAt = insideSpansInOrder(definitions);
  const entries: ListEntry[] = [];
  let current: ListEntry | undefined;
  let isSkipping = false;
  const close = () => {
    if (current) entries.push(closeEntry(source, current));
    current = undefined;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const lineStart = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
    let first = lineStart;
    while (first < lineEnd && isBlank(source[first])) first++;
    if (first === lineEnd) continue;
    if (headingStarts.has(lineStart) || headingStarts.has(first)) {
      close();
      isSkipping = true;
      continue;
    }
    const start = matchEntryStart(source, lineStart, lineEnd);
    if (start === 'definition' || (start && (isExcludedAt(first) || isInDefinitionAt(first)))) {
      close();
      isSkipping = true;
    } else if (start) {
      close();
      isSkipping = false;
      current = openEntry(source, start, lineStart, lineEnd);
    } else if (current && !isSkipping) {
      current.end = lineEnd;
    }
  }
  close();
  return entries;
}

function openEntry(text: string, start: EntryStart, lineStart: number, lineEnd: number): ListEntry {
  let entryStart = lineStart;
  while (entryStart < lineEnd && isBlank(text[entryStart])) entryStart++;
  const entry: ListEntry = { start: entryStart, end: lineEnd, textStart: start.textStart, textEnd: lineEnd, hasBullet: start.hasBullet };
  if (start.writtenNumber !== undefined) {
    entry.writtenNumber = start.writtenNumber;
    entry.numberStart = start.numberStart;
    entry.numberEnd = start.numberEnd;
    entry.numberOpen = start.numberOpen;
    entry.numberClose = start.numberClose;
    entry.isSuperscriptNumber = start.isSuperscriptNumber;
  }
  return entry;
}

function closeEntry(text: string, entry: ListEntry): ListEntry {
  entry.end = trimmedEnd(text, entry.textStart, entry.end);
  entry.textEnd = Math.max(entry.textStart, entry.end);
  return entry;
}

/** A copy of a section entry where the section stands (the same keys, in the same order). */
function shifted(entry: ListEntry, by: number): ListEntry {
  const result: ListEntry = { start: entry.start + by, end: entry.end + by, textStart: entry.textStart + by, textEnd: entry.textEnd + by, hasBullet: entry.hasBullet };
  if ('writtenNumber' in entry) {
    result.writtenNumber = entry.writtenNumber;
    result.numberStart = entry.numberStart === undefined ? undefined : entry.numberStart + by;
    result.numberEnd = entry.numberEnd === undefined ? undefined : entry.numberEnd + by;
    result.numberOpen = entry.numberOpen;
    result.numberClose = entry.numberClose;
    result.isSuperscriptNumber = entry.isSuperscriptNumber;
  }
  return result;
}

/** White space as `\s` and `trim` read it. */
function isJsSpaceCode(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** No white space but single spaces between words: `normaliseText` would return the text as it is (and it usually does). */
function isCollapsed(text: string): boolean {
  if (text.length === 0) return true;
  if (isJsSpaceCode(text.charCodeAt(0)) || isJsSpaceCode(text.charCodeAt(text.length - 1))) return false;
  for (let i = 1; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 ? isJsSpaceCode(text.charCodeAt(i + 1)) : isJsSpaceCode(code)) return false;
  }
  return true;
}

/** An entry's text with runs of white space as one space, trimmed. */
export const normaliseText = (text: string) => (isCollapsed(text) ? text : text.replace(/\s+/g, ' ').trim());

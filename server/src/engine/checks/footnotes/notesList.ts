/**
 * Reads a notes list written by hand: the entries under the notes heading
 * ("Notes", "Endnotes", "References"…), numbered `12.` `12)` `[12]` `(12)` `¹²`,
 * or bullets without a number, and lines that open with a superscript number
 * anywhere else (footnotes left at the foot of a page by a PDF extraction).
 *
 * One pass over the lines of the section; no regular expressions over whole lines.
 */
import { insideSpansInOrder, type BriefDocument } from '../../document/model';
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

/**
 * The entries of the notes list (under the notes heading), plus foot lines that
 * open with a superscript number elsewhere, in document order. A paragraph under
 * an entry that does not open like an entry continues it (PDF extractions break
 * URLs onto lines of their own).
 */
export function parseNotesList(doc: BriefDocument): ListEntry[] {
  const { text, lines } = doc;
  const entries: ListEntry[] = [];
  const section = doc.notesSection;
  const headingStarts = new Set(doc.headings.map((h) => h.start));
  const sectionFirstLine = section ? lines.positionAt(section.start).line + 1 : lines.lineCount;
  const sectionLastLine = section ? lines.positionAt(Math.max(section.start, section.end - 1)).line : -1;
  const isExcludedAt = insideSpansInOrder(doc.excluded);

  // A line inside a GFM footnote definition belongs to that note (a lazy continuation), not to the list.
  const isInDefinitionAt = insideSpansInOrder(doc.footnoteDefinitions);

  let current: ListEntry | undefined;
  let isSkipping = false;
  const close = () => {
    if (current) {
      current.end = trimmedEnd(text, current.textStart, current.end);
      current.textEnd = Math.max(current.textStart, current.end);
      entries.push(current);
    }
    current = undefined;
  };
  const open = (start: EntryStart, lineStart: number, lineEnd: number) => {
    let entryStart = lineStart;
    while (entryStart < lineEnd && isBlank(text[entryStart])) entryStart++;
    current = {
      start: entryStart,
      end: lineEnd,
      textStart: start.textStart,
      textEnd: lineEnd,
      hasBullet: start.hasBullet,
      ...(start.writtenNumber !== undefined && {
        writtenNumber: start.writtenNumber,
        numberStart: start.numberStart,
        numberEnd: start.numberEnd,
        numberOpen: start.numberOpen,
        numberClose: start.numberClose,
        isSuperscriptNumber: start.isSuperscriptNumber,
      }),
    };
  };

  for (let line = 0; line < lines.lineCount; line++) {
    const lineStart = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
    const isInSection = line >= sectionFirstLine && line <= sectionLastLine && lineStart < section!.end;
    if (!isInSection) {
      // Outside the notes section only foot lines ("¹ Smith, …") are entries, one line each.
      close();
      if (!opensWithSuperscript(text, lineStart, lineEnd)) continue;
      const foot = isFootLine(text, lineStart, lineEnd);
      if (foot && !headingStarts.has(lineStart) && !isExcludedAt(lineStart) && !isInDefinitionAt(lineStart)) {
        open(foot, lineStart, lineEnd);
        current!.isFootLine = true;
        close();
      }
      continue;
    }
    let first = lineStart;
    while (first < lineEnd && isBlank(text[first])) first++;
    if (first === lineEnd) continue;
    if (headingStarts.has(lineStart) || headingStarts.has(first)) {
      close();
      isSkipping = true;
      continue;
    }
    const start = matchEntryStart(text, lineStart, lineEnd);
    // An entry hidden in code, HTML or a GFM definition is no entry: what follows it is not the list's either.
    if (start === 'definition' || (start && (isExcludedAt(first) || isInDefinitionAt(first)))) {
      close();
      isSkipping = true;
    } else if (start) {
      close();
      isSkipping = false;
      open(start, lineStart, lineEnd);
    } else if (current && !isSkipping) {
      current.end = lineEnd;
    }
  }
  close();
  return entries;
}

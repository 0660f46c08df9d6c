/**
 * Builds the document model of a plain-text brief: paragraphs separated by blank
 * lines, list items as blocks of their own, short title-like lines as headings.
 * URLs, `<!-- … -->` comments and stray HTML tags (PDF extractions keep `<u>`)
 * are not prose.
 */
import { LineIndex } from '../lineIndex';
import { findNotesSection, isNotesHeadingText, type Block, type BriefDocument, type Heading, type ProseRun, type Span } from './model';

/** What is not prose in plain text: comments (to the end when unclosed), HTML tags, URLs. */
export const NOT_PROSE = /<!--[\s\S]*?(?:-->|$)|<\/?[A-Za-z][A-Za-z0-9]{0,10}\s*\/?>|\b(?:https?:\/\/|www\.)[^\s<>"]*/g;
const LIST_ITEM_START = /^[ \t]*(?:[-*•‣◦]|\(?\d{1,4}[.)\]]|\[\d{1,4}\])[ \t]/;

export function buildPlainTextDocument(text: string): BriefDocument {
  const lines = new LineIndex(text);
  const excluded: Span[] = [];
  NOT_PROSE.lastIndex = 0;
  for (let m = NOT_PROSE.exec(text); m; m = NOT_PROSE.exec(text)) {
    if (m[0].length === 0) {
      NOT_PROSE.lastIndex++;
      continue;
    }
    excluded.push({ start: m.index, end: m.index + m[0].length });
  }

  const blocks: Block[] = [];
  const headings: Heading[] = [];
  let blockStart = -1;
  let blockEnd = -1;
  let excludedCursor = 0;
  // A title-like line inside a comment is not a heading: "Endnotes" in an unclosed "<!--" starts no notes list.
  const isExcluded = (start: number, end: number) => {
    while (excludedCursor < excluded.length && excluded[excludedCursor]!.end <= start) excludedCursor++;
    const span = excluded[excludedCursor];
    return span !== undefined && span.start <= start && end <= span.end;
  };
  const closeBlock = () => {
    if (blockStart >= 0) addBlock(text, blockStart, blockEnd, blocks, headings, isExcluded(blockStart, blockEnd));
    blockStart = -1;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const content = text.slice(start, end);
    if (content.trim() === '') {
      closeBlock();
      continue;
    }
    if (blockStart >= 0 && LIST_ITEM_START.test(content)) closeBlock();
    if (blockStart < 0) blockStart = start;
    blockEnd = end;
  }
  closeBlock();

  const notesSection = findNotesSection(headings, text.length);
  const runs: ProseRun[] = [];
  let excludedIndex = 0;
  blocks.forEach((block, blockIndex) => {
    if (notesSection && block.start >= notesSection.start && block.start < notesSection.end) block.isInNotes = true;
    while (excludedIndex < excluded.length && excluded[excludedIndex]!.end <= block.start) excludedIndex++;
    let cursor = block.start;
    const pushRun = (start: number, end: number) => {
      if (end > start) {
        runs.push({ start, end, segments: [{ start, end }], blockType: block.type, blockIndex, isInNotes: block.isInNotes });
      }
    };
    for (let i = excludedIndex; i < excluded.length && excluded[i]!.start < block.end; i++) {
      pushRun(cursor, Math.max(cursor, excluded[i]!.start));
      cursor = Math.max(cursor, excluded[i]!.end);
    }
    pushRun(cursor, block.end);
  });

  return {
    text,
    kind: 'plaintext',
    lines,
    runs,
    blocks,
    headings,
    notesSection,
    footnoteReferences: [],
    footnoteDefinitions: [],
    excluded,
  };
}

function addBlock(text: string, start: number, end: number, blocks: Block[], headings: Heading[], isExcluded: boolean) {
  const content = text.slice(start, end);
  if (!isExcluded && isHeadingLike(content)) {
    const textStart = start + (content.length - content.trimStart().length);
    const textEnd = start + content.trimEnd().length;
    headings.push({ start, end, textStart, textEnd, text: text.slice(textStart, textEnd), depth: 1 });
    blocks.push({ type: 'heading', start, end, isInNotes: false });
  } else {
    blocks.push({ type: 'paragraph', start, end, isInNotes: false });
  }
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `line` without a note marker at its end (superscript digits, "[12]" or "^12"), scanned from the end. */
function withoutTrailingMarker(line: string): string {
  let end = line.length;
  while (end > 0 && SUPERSCRIPT_DIGITS.includes(line[end - 1]!)) end--;
  if (end < line.length) return line.slice(0, end);
  const bracketed = /\[\d{1,4}\]$|\^\d{1,4}$/.exec(line.slice(-6));
  return bracketed ? line.slice(0, line.length - bracketed[0].length) : line;
}

/** A single short line, not a list item, not ending like a sentence: "Key Findings", "Endnotes". */
function isHeadingLike(content: string): boolean {
  if (content.includes('\n') || content.includes('\r')) return false;
  const trimmed = content.trim();
  if (trimmed.length === 0 || trimmed.length > 120) return false;
  if (LIST_ITEM_START.test(content)) return false;
  // A sentence still ends like one when a note marker follows it: "The NSWN grew.¹", "… in 2023.[4]".
  const withoutMarker = withoutTrailingMarker(trimmed);
  if (/[.,;:)\]"”’。，；：）」』]$/.test(withoutMarker) && !isNotesHeadingText(trimmed)) return false;
  if (!/^[\p{Lu}\p{Lo}\d]/u.test(trimmed)) return false;
  return trimmed.split(/\s+/).length <= 16;
}

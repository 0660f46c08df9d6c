import type { DocumentKind } from '../types';
import { buildMarkdownDocument } from './markdown';
import { buildPlainTextDocument } from './plaintext';
import type { BriefDocument } from './model';

export type { BriefDocument, ProseRun, Heading, Span, Block, NotesSection } from './model';

/**
 * Longest run of non-blank lines remark is given. Its inline parser merges text
 * events with an array splice each, so one paragraph costs time quadratic in
 * its length: 400 KB takes a second, 1.6 MB seven, a 5 MB line minutes. No
 * brief has a paragraph of 40,000 words; a text that does (a data dump, a
 * minified file) is checked as plain prose instead.
 */
export const MAX_MARKDOWN_PARAGRAPH = 262_144;

const LINE_BREAK = /\r\n?|\n/g;

/**
 * Whether `text` has a run of non-blank lines longer than remark can parse in
 * reasonable time. Line ends are found natively: the incremental analyser asks
 * on every edit of a long document.
 */
export function hasOversizedParagraph(text: string): boolean {
  if (text.length <= MAX_MARKDOWN_PARAGRAPH) return false;
  // The common answer at native speed: empty lines come often enough that no run can be longer.
  for (const emptyLine of ['\n\n', '\r\n\r\n', '\r\r']) if (isEverySpanShorter(text, emptyLine)) return false;
  let runStart = -1;
  let lineStart = 0;
  LINE_BREAK.lastIndex = 0;
  for (;;) {
    const lineBreak = LINE_BREAK.exec(text);
    const lineEnd = lineBreak ? lineBreak.index : text.length;
    let i = lineStart;
    while (i < lineEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i === lineEnd) runStart = -1;
    else {
      if (runStart < 0) runStart = lineStart;
      if (lineEnd - runStart > MAX_MARKDOWN_PARAGRAPH) return true;
    }
    if (!lineBreak) return false;
    lineStart = lineEnd + lineBreak[0].length;
  }
}

/** Whether `separator` occurs often enough in `text` that no stretch without it exceeds MAX_MARKDOWN_PARAGRAPH. */
function isEverySpanShorter(text: string, separator: string): boolean {
  let previous = 0;
  for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) {
    if (at - previous > MAX_MARKDOWN_PARAGRAPH) return false;
    previous = at;
  }
  return text.length - previous <= MAX_MARKDOWN_PARAGRAPH;
}

/** Parses a document into the model the checks read. Never throws on user content. */
export function parseDocument(text: string, kind: DocumentKind): BriefDocument {
  if (kind !== 'markdown') return buildPlainTextDocument(text);
  if (hasOversizedParagraph(text)) return { ...buildPlainTextDocument(text), kind: 'markdown' };
  try {
    return buildMarkdownDocument(text);
  } catch {
    // remark recurses per nesting level: thousands of nested list markers overflow the stack.
    // Such a text is still checked, as plain prose.
    return { ...buildPlainTextDocument(text), kind: 'markdown' };
  }
}

/** Picks the document kind from a file name or VS Code language id. */
export function documentKindOf(nameOrLanguageId: string): DocumentKind {
  return /(?:^|\.)(?:md|markdown|mdx|qmd|rmd)$|^(?:markdown|quarto|rmd)$/i.test(nameOrLanguageId) ? 'markdown' : 'plaintext';
}

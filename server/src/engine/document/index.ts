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

/** Whether `text` has a run of non-blank lines longer than remark can parse in reasonable time. */
export function hasOversizedParagraph(text: string): boolean {
  if (text.length <= MAX_MARKDOWN_PARAGRAPH) return false;
  let runStart = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    let isBlank = true;
    for (let i = lineStart; i < lineEnd && isBlank; i++) {
      const code = text.charCodeAt(i);
      isBlank = code === 32 || code === 9;
    }
    if (isBlank) runStart = -1;
    else {
      if (runStart < 0) runStart = lineStart;
      if (lineEnd - runStart > MAX_MARKDOWN_PARAGRAPH) return true;
    }
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  return false;
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

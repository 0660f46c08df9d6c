import type { DocumentKind } from '../types';
import { buildMarkdownDocument } from './markdown';
import { buildPlainTextDocument } from './plaintext';
import type { BriefDocument } from './model';

export type { BriefDocument, ProseRun, Heading, Span, Block, NotesSection } from './model';

/** Parses a document into the model the checks read. Never throws on user content. */
export function parseDocument(text: string, kind: DocumentKind): BriefDocument {
  if (kind !== 'markdown') return buildPlainTextDocument(text);
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

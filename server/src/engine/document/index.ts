import type { DocumentKind } from '../types';
import { buildMarkdownDocument } from './markdown';
import { buildPlainTextDocument } from './plaintext';
import type { BriefDocument } from './model';

export type { BriefDocument, ProseRun, Heading, Span, Block, NotesSection } from './model';

/** Parses a document into the model the checks read. Never throws on user content. */
export function parseDocument(text: string, kind: DocumentKind): BriefDocument {
  return kind === 'markdown' ? buildMarkdownDocument(text) : buildPlainTextDocument(text);
}

/** Picks the document kind from a file name or VS Code language id. */
export function documentKindOf(nameOrLanguageId: string): DocumentKind {
  return /(?:^|\.)(?:md|markdown|mdx|qmd|rmd)$|^(?:markdown|quarto|rmd)$/i.test(nameOrLanguageId) ? 'markdown' : 'plaintext';
}

/**
 * The engine's shared vocabulary. Everything here is plain JSON so that the
 * language server and the CLI can map it without further state.
 *
 * Offsets are UTF-16 code units into the document text (what JS strings, mdast
 * and LSP all count). They become line/character positions only in the LSP
 * adapter (0-based) and the CLI printer (1-based).
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Replace `[start, end)` of the document with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix among several: editors mark it preferred. */
  isPreferred?: boolean;
}

/** A second place in the same document that explains a finding ("first rendered here"). */
export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

/** One problem found in a document. The only output type of every check. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Small JSON payload for editor features (e.g. the concept id, the proposed term). */
  data?: Record<string, unknown>;
}

export type DocumentKind = 'markdown' | 'plaintext';

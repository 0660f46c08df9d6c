/**
 * The few messages between our VS Code client and the server beyond plain LSP.
 * Types and names only, so that the client bundle can import this file
 * without pulling in the server. Other editors need none of it.
 */

/**
 * Node options the VS Code client starts the server with (and the benchmark, to
 * measure what users run). A young generation capped at 8 MB per semi-space
 * instead of growing to 16: loading a 10,000-concept termbase otherwise leaves
 * the server about 15 MB larger for good, for no gain in speed we could measure.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=8'];

export const COMMANDS = {
  /** Server command: add `{ zh, en }` to the workspace termbase. Arguments: [AddTermArgs]. */
  addTerm: 'brieflint.server.addTerm',
  /** Server command: renumber the notes of a document. Arguments: [{ uri }]. */
  renumberNotes: 'brieflint.server.renumberNotes',
  /** Client command (VS Code only): asks the user for the English, then runs `addTerm`. */
  clientAddTerm: 'brieflint.addTerm',
} as const;

export interface AddTermArgs {
  /** The document the term comes from: picks the workspace folder and its termbase. */
  uri: string;
  zh: string;
  en?: string;
  pinyin?: string;
  definition?: string;
}

export interface AddTermResult {
  /** The termbase file written to (or that already holds the term). */
  file?: string;
  id?: string;
  isCreated?: boolean;
  isAlreadyPresent?: boolean;
  /** Why nothing was written. */
  error?: string;
}

export interface RenumberArgs {
  uri: string;
}

/** Server → client after each check of a document. */
export const STATUS_NOTIFICATION = 'brieflint/status';

export interface StatusParams {
  uri: string;
  /** Concepts in the termbase the document is checked against. */
  concepts: number;
  termbaseFiles: string[];
  findings: number;
}

/** Client → server: the concepts of the termbase in force for a document (or the workspace). */
export const TERMBASE_REQUEST = 'brieflint/termbase';

export interface TermbaseParams {
  uri?: string;
}

export interface TermbaseEntry {
  index: number;
  id: string;
  preferred: string;
  zh: string[];
  acronym?: string;
  pinyin?: string;
  definition?: string;
}

export interface TermbaseResult {
  files: string[];
  concepts: TermbaseEntry[];
}

/** Client → server: the glossary card of one concept from `brieflint/termbase`. */
export const TERM_CARD_REQUEST = 'brieflint/termCard';

export interface TermCardParams {
  uri?: string;
  index: number;
}

export interface TermCardResult {
  markdown: string;
  plain: string;
}

/** What our client passes in `initializationOptions`. */
export interface InitializationOptions {
  /**
   * The client is the BriefLint VS Code extension: it handles `brieflint/status`
   * and implements `brieflint.addTerm` (asks for the English of an unknown term).
   */
  isBriefLintClient?: boolean;
  /** Settings for clients without `workspace/configuration` (the `brieflint` section). */
  settings?: unknown;
}

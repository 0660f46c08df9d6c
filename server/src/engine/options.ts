import type { DocumentKind, SeveritySetting } from './types';

/** Acronyms no policy reader needs spelled out. See README, "Acronyms". */
export const DEFAULT_ACRONYM_ALLOW_LIST: readonly string[] = [
  'U.S.', 'US', 'USA', 'U.K.', 'UK', 'EU', 'UN', 'NATO', 'G7', 'G20',
  'GDP', 'GNP', 'AI', 'IT', 'CEO', 'PhD', 'COVID-19', 'COVID', 'HIV', 'AIDS', 'DNA', 'NGO',
  'PDF', 'URL', 'ID', 'TV', 'AM', 'PM', 'BC', 'AD', 'OK',
  'RMB', 'CNY', 'USD', 'EUR',
];

export interface AnalyzeOptions {
  kind: DocumentKind;
  /** Severity per rule id (or `term/*`, `term`), or "off". */
  rules?: Record<string, SeveritySetting>;
  /** Acronyms that need no definition; defaults to DEFAULT_ACRONYM_ALLOW_LIST. */
  acronymAllowList?: readonly string[];
  /** Checked between checks; analysis stops early when it returns true. */
  isCancelled?: () => boolean;
}

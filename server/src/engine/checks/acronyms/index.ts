import type { Check, CheckContext } from '../../check';
import type { AcronymDefinition } from './definitions';

export type { AcronymDefinition } from './definitions';

/** One use of an acronym in the prose (not its definition). */
export interface AcronymUse {
  acronym: string;
  start: number;
  end: number;
  /** The definition in force for this use, if the document defines the acronym. */
  definition?: AcronymDefinition;
}

export interface AcronymIndex {
  definitions: AcronymDefinition[];
  uses: AcronymUse[];
}

/** The acronym definitions and uses of the document, computed once per analysis. */
export function acronymIndex(ctx: CheckContext): AcronymIndex {
  return ctx.shared('acronyms', () => ({ definitions: [], uses: [] }));
}

/** The acronym/ checks, in report order. */
export const acronymChecks: Check[] = [];

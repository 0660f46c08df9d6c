/**
 * The acronym family: the shared index (definitions and uses, for the checks,
 * hovers and go-to-definition) and the five acronym/ checks.
 */
import type { Check } from '../../check';
import { acronymExpansionMismatch } from './expansionMismatch';
import { acronymRedefined } from './redefined';
import { acronymUndefined } from './undefined';
import { acronymUnused } from './unused';
import { acronymUsedBeforeDefinition } from './usedBeforeDefinition';

export { acronymIndex, allowedAcronyms, type AcronymIndex, type AcronymUse, type AcronymEntry, type OccurrenceContext } from './analysis';
export type { AcronymDefinition, DefinitionForm } from './definitions';

/** The acronym/ checks, in report order. */
export const acronymChecks: Check[] = [
  acronymUndefined,
  acronymUsedBeforeDefinition,
  acronymRedefined,
  acronymExpansionMismatch,
  acronymUnused,
];

/**
 * Whether term/near-miss reports an acronym use as a misspelling of a termbase
 * acronym ("NWNS" for NSWN): such a use is not also reported as undefined.
 */
import type { CheckContext } from '../../check';
import { acronymNearMisses } from '../termNearMiss';
import type { AcronymUse } from './analysis';

export function isLeftToNearMiss(ctx: CheckContext, use: AcronymUse): boolean {
  return ctx.shared('acronyms:near-miss-starts', () => new Set(acronymNearMisses(ctx).map((r) => r.start))).has(use.start);
}

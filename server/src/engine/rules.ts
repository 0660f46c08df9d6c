/** The static list of every check, and lookups over it. */
import type { Check, RuleMeta } from './check';
import { termDeprecated } from './checks/termDeprecated';
import { termInconsistent } from './checks/termInconsistent';
import { termMismatch } from './checks/termMismatch';
import { termNearMiss } from './checks/termNearMiss';
import { termUnknownZh } from './checks/termUnknownZh';
import { acronymChecks } from './checks/acronyms/index';
import { footnoteChecks } from './checks/footnotes/index';
import type { SeveritySetting } from './types';

export const ALL_CHECKS: readonly Check[] = [
  termDeprecated,
  termInconsistent,
  termMismatch,
  termNearMiss,
  termUnknownZh,
  ...acronymChecks,
  ...footnoteChecks,
];

export const RULES: readonly RuleMeta[] = ALL_CHECKS.map(({ id, description, defaultSeverity }) => ({ id, description, defaultSeverity }));

export function findRule(id: string): RuleMeta | undefined {
  return RULES.find((rule) => rule.id === id);
}

/** Severity for a rule: exact id, then `family/*`, then `family`, then the rule's default. */
export function severityFor(rule: RuleMeta, settings: Record<string, SeveritySetting> | undefined): SeveritySetting {
  if (!settings) return rule.defaultSeverity;
  const family = rule.id.split('/')[0]!;
  return settings[rule.id] ?? settings[`${family}/*`] ?? settings[family] ?? rule.defaultSeverity;
}

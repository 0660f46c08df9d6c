/**
 * The peers a writer would use instead: textlint with textlint-rule-prh, and
 * textlint with textlint-rule-terminology, given the same forbidden → preferred
 * lists as our termbase (every deprecated form of every concept).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BundledConcept } from './generate';

export type Peer = 'prh' | 'terminology';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forbidden → preferred pairs of a termbase. */
export function forbiddenPairs(concepts: readonly BundledConcept[]): { forbidden: string; preferred: string }[] {
  return concepts.flatMap((c) => (c.deprecated ?? []).map((forbidden) => ({ forbidden, preferred: c.en })));
}

/** prh rules (YAML; JSON-quoted strings are valid YAML scalars). */
export function toPrhYaml(concepts: readonly BundledConcept[]): string {
  const lines = ['version: 1', 'rules:'];
  const byPreferred = new Map<string, string[]>();
  for (const { forbidden, preferred } of forbiddenPairs(concepts)) {
    const list = byPreferred.get(preferred) ?? [];
    list.push(forbidden);
    byPreferred.set(preferred, list);
  }
  for (const [preferred, patterns] of byPreferred) {
    lines.push(`  - expected: ${JSON.stringify(preferred)}`, '    patterns:');
    // HACK: prh escapes "-" in string patterns and then compiles them with the u flag, which rejects "\-";
    // a /regex/ pattern escaped without "-" matches the same text.
    for (const pattern of patterns) lines.push(`      - ${JSON.stringify(`/${pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * textlint-rule-terminology's `terms`: [pattern, replacement] pairs (patterns are
 * case-insensitive regular expressions). One exact-spelling word that never
 * occurs keeps the rule's combined word pattern from being empty.
 */
export function toTerminologyTerms(concepts: readonly BundledConcept[]): (string | [string, string])[] {
  return ['BriefLintBenchSentinel', ...forbiddenPairs(concepts).map(({ forbidden, preferred }): [string, string] => [escapeRegExp(forbidden), preferred])];
}

/** Writes the rule files and a textlintrc per peer; returns the config paths. */
export function writePeerConfigs(dir: string, name: string, concepts: readonly BundledConcept[]): Record<Peer, string> {
  const prhRules = path.join(dir, `prh-${name}.yml`);
  writeFileSync(prhRules, toPrhYaml(concepts));
  const terms = path.join(dir, `terminology-${name}.json`);
  writeFileSync(terms, JSON.stringify(toTerminologyTerms(concepts)));
  const prh = path.join(dir, `textlintrc-prh-${name}.json`);
  writeFileSync(prh, JSON.stringify({ rules: { prh: { rulePaths: [prhRules] } } }, null, 2));
  const terminology = path.join(dir, `textlintrc-terminology-${name}.json`);
  writeFileSync(terminology, JSON.stringify({ rules: { terminology: { defaultTerms: false, skip: [], terms } } }, null, 2));
  return { prh, terminology };
}

/** Anchor of a rule in docs/rules.md: `term/near-miss` → `term-near-miss`. */
export function ruleAnchor(ruleId: string): string {
  return ruleId.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

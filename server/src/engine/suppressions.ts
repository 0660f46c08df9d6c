/**
 * Inline silencing of rules:
 *   <!-- brieflint-disable term/inconsistent -->   … until the end or a matching enable
 *   <!-- brieflint-enable term/inconsistent -->
 *   <!-- brieflint-disable-next-line acronym/undefined -->
 *   <!-- brieflint-disable-line -->                 (no rule ids: every rule)
 * In plain text the same directive may also stand alone on a comment line
 * starting with `//`, `#` or `%`. Rule ids may end in `/*` for a whole family.
 */
import type { LineIndex } from './lineIndex';

type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-line';

interface Directive {
  kind: DirectiveKind;
  rules: string[];
  offset: number;
}

const HTML_DIRECTIVE = /<!--[ \t]*brieflint-(disable-next-line|disable-line|disable|enable)\b([^>]*)-->/g;
const LINE_DIRECTIVE = /^[ \t]*(?:\/\/|#|%)[ \t]*brieflint-(disable-next-line|disable-line|disable|enable)\b([^\r\n]*)$/gm;

export interface Suppressions {
  isSuppressed(rule: string, offset: number): boolean;
}

const NONE: Suppressions = { isSuppressed: () => false };

function ruleMatches(pattern: string, rule: string): boolean {
  return pattern === rule || (pattern.endsWith('/*') && rule.startsWith(pattern.slice(0, -1))) || pattern === rule.split('/')[0];
}

export function findSuppressions(text: string, lines: LineIndex, isPlainText: boolean): Suppressions {
  if (!text.includes('brieflint-')) return NONE;
  const directives: Directive[] = [];
  const collect = (pattern: RegExp) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      directives.push({
        kind: m[1] as DirectiveKind,
        rules: m[2]!.split(/[\s,]+/).filter((r) => r.length > 0 && r !== '--'),
        offset: m.index,
      });
    }
  };
  collect(HTML_DIRECTIVE);
  if (isPlainText) collect(LINE_DIRECTIVE);
  directives.sort((a, b) => a.offset - b.offset);

  // Ranges [start, end) per directive, each for a rule list ([] = all rules).
  const ranges: { start: number; end: number; rules: string[] }[] = [];
  const open: { start: number; rules: string[] }[] = [];
  for (const directive of directives) {
    const line = lines.positionAt(directive.offset).line;
    if (directive.kind === 'disable-line') {
      ranges.push({ start: lines.lineStart(line), end: lines.lineEnd(line) + 1, rules: directive.rules });
    } else if (directive.kind === 'disable-next-line') {
      ranges.push({ start: lines.lineStart(line + 1), end: lines.lineEnd(line + 1) + 1, rules: directive.rules });
    } else if (directive.kind === 'disable') {
      open.push({ start: directive.offset, rules: directive.rules });
    } else {
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i]!;
        const closes = directive.rules.length === 0 || o.rules.length === 0 || o.rules.some((r) => directive.rules.includes(r));
        if (!closes) continue;
        ranges.push({ start: o.start, end: directive.offset, rules: o.rules });
        open.splice(i, 1);
      }
    }
  }
  for (const o of open) ranges.push({ start: o.start, end: Number.MAX_SAFE_INTEGER, rules: o.rules });
  if (ranges.length === 0) return NONE;
  return {
    isSuppressed(rule, offset) {
      return ranges.some(
        (r) => offset >= r.start && offset < r.end && (r.rules.length === 0 || r.rules.some((p) => ruleMatches(p, rule))),
      );
    },
  };
}

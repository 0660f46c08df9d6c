/**
 * Finds every regular expression literal in the server's sources and builds
 * the inputs most likely to make it backtrack: long runs of one character, a
 * prefix of a match followed by such a run, and near-matches back to back
 * (what turns a lazy `[^>]*?` into a quadratic scan). Prefixes come from
 * strings that fast-check generates to match the pattern.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface RegexSite {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !/(?:testKit|testSupport)\.ts$/.test(name)) files.push(full);
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return files.sort();
}

/** Every regex literal in the TypeScript files under `dirs` (tests excluded). */
export function regexLiterals(root: string, dirs: readonly string[]): RegexSite[] {
  const sites: RegexSite[] = [];
  for (const file of sourceFiles(root, dirs)) {
    const text = readFileSync(file, 'utf8');
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sourceFile);
        const slash = literal.lastIndexOf('/');
        sites.push({
          file: path.relative(root, file),
          line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
          source: literal.slice(1, slash),
          flags: literal.slice(slash + 1),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return sites;
}

export interface RegexConstruction {
  file: string;
  line: number;
  text: string;
  /** True when the pattern is a literal or a copy of one (`new RegExp(LITERAL.source, flags)`). */
  isFromLiteral: boolean;
}

/** Every `RegExp(…)` / `new RegExp(…)` under `dirs`: the places a pattern could come from user input. */
export function regexConstructions(root: string, dirs: readonly string[]): RegexConstruction[] {
  const found: RegexConstruction[] = [];
  for (const file of sourceFiles(root, dirs)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('RegExp')) continue;
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [pattern] = node.arguments ?? [];
        const isFromLiteral =
          !!pattern &&
          (ts.isStringLiteral(pattern) ||
            ts.isNoSubstitutionTemplateLiteral(pattern) ||
            pattern.kind === ts.SyntaxKind.RegularExpressionLiteral ||
            (ts.isPropertyAccessExpression(pattern) && pattern.name.text === 'source' && ts.isIdentifier(pattern.expression) && /^[A-Z][A-Z0-9_]*$/.test(pattern.expression.text)));
        found.push({
          file: path.relative(root, file),
          line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
          text: node.getText(sourceFile),
          isFromLiteral,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return found;
}

/** Regex syntax characters are not useful pump characters on their own; the letters and punctuation a pattern names are. */
function literalCharacters(source: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next && /[^\w]/.test(next)) found.add(next);
      i++;
      continue;
    }
    if (!/[()[\]{}|?*+^$.]/.test(c)) found.add(c);
  }
  return [...found];
}

const DEFAULT_PUMPS = [' ', 'a', 'A', '0', '\n', '.', '-', '(', ')', '<', '>', '"', '[', ']', '\t', '中', '¹'];

/** Strings that match the pattern, when fast-check can generate them. */
function matchingSamples(site: RegexSite, count: number): string[] {
  try {
    const pattern = new RegExp(site.source, site.flags.replace(/[gyd]/g, ''));
    return fc
      .sample(fc.stringMatching(pattern, { size: 'small' }), { numRuns: count * 3, seed: 7 })
      .filter((s) => s.length > 0 && s.length < 200)
      .filter((s, i, all) => all.indexOf(s) === i)
      .slice(0, count);
  } catch {
    return [];
  }
}

/**
 * Inputs of about `length` characters built to make `site` backtrack, at most
 * `maxInputs` of them, deduplicated.
 */
export function adversarialInputs(site: RegexSite, length: number, maxInputs: number, samples = 4): string[] {
  const inputs = new Set<string>();
  const add = (text: string) => {
    if (inputs.size < maxInputs) inputs.add(text);
  };
  const matches = matchingSamples(site, samples);
  const pumps = [...new Set([...matches.join(''), ...literalCharacters(site.source), ...DEFAULT_PUMPS])].slice(0, 24);
  // Near-matches back to back: each start scans to the end before failing.
  for (const m of matches) {
    add(m.repeat(Math.ceil(length / m.length)));
    if (m.length > 1) add(m.slice(0, -1).repeat(Math.ceil(length / (m.length - 1))));
    if (m.length > 2) add(`${m.slice(0, -1)} `.repeat(Math.ceil(length / m.length)));
  }
  // A prefix of a match, then a long run of one character, then a character that ends it.
  for (const m of matches) {
    const cuts = [...new Set([1, Math.ceil(m.length / 2), m.length])];
    for (const cut of cuts) {
      const prefix = m.slice(0, cut);
      const tailPumps = [...new Set([...m.slice(cut), ' ', 'a'])].slice(0, 4);
      for (const c of tailPumps) add(prefix + c.repeat(length) + '\u0000');
    }
  }
  for (const c of pumps) add(c.repeat(length));
  return [...inputs];
}

/**
 * Patterns whose input is bounded where they are used, so a quadratic scan
 * costs nothing: each names the bound. Keyed by file and pattern source.
 */
export const BOUNDED_PATTERNS: readonly { file: string; source: string; bound: string }[] = [
  { file: 'server/src/engine/parentheticals.ts', source: '^["“”\'‘’]+|["“”\'‘’]+$', bound: 'one part of a parenthetical: at most MAX_PARENTHETICAL (240) characters' },
  { file: 'server/src/engine/parentheticals.ts', source: '^["“\'‘]+|["”\'’]+$', bound: 'the phrase before a parenthetical: at most LOOKBACK (400) characters' },
  { file: 'server/src/engine/checks/acronyms/expansion.ts', source: '([A-Za-z]+)$', bound: 'an expansion: found within MAX_LOOKBACK (400) characters of its acronym, or a termbase form' },
  { file: 'server/src/engine/checks/acronyms/fixes.ts', source: '\\s*[,，;；、]\\s*$', bound: 'the inside of a definition parenthesis: at most MAX_PARENTHETICAL (240) characters' },
  { file: 'server/src/lsp/completion.ts', source: "[\\p{L}\\p{N}&'’-]*$", bound: 'the 80 characters before the cursor' },
  { file: 'server/src/lsp/addTerm.ts', source: '^-+|-+$', bound: 'runs of "-" are collapsed to one by the replace before it' },
];

export function isBounded(site: RegexSite): boolean {
  return BOUNDED_PATTERNS.some((b) => b.file === site.file && b.source === site.source);
}

#!/usr/bin/env node
/**
 * The `brieflint` command: a thin adapter over the engine.
 *   brieflint check [--format text|json|sarif] [--termbase FILE]... [--config FILE] [--no-bundled] FILES...
 *   brieflint fix [--rule RULE]... [--write] FILE
 *   brieflint extract FILE
 * Exit codes: 0 no error-level finding, 1 some, 2 bad usage or unreadable input.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { analyze, applyEdits, compileTermbase, documentKindOf, LineIndex, RULES, type Finding, type Fix, type SeveritySetting, type Termbase } from './engine/index';
import { ruleAnchor } from './engine/ruleDocs';
import { extractTermbase } from './engine/extract';
import {
  ConcurrentEditError,
  bundledTermbasePath,
  findConfigFile,
  loadConfigFile,
  loadTermbases,
  readDocumentFile,
  specialFileKind,
  writeFileAtomic,
} from './node/files';
import type { TermbaseProblem } from './engine/termbase/model';

class UsageError extends Error {}

const USAGE = `usage:
  brieflint check [--format text|json|sarif] [--termbase FILE]... [--config FILE] [--no-bundled] FILES...
  brieflint fix [--rule RULE]... [--write] [--termbase FILE]... [--config FILE] FILE
  brieflint extract FILE
  brieflint rules`;

interface Options {
  command: string;
  format: 'text' | 'json' | 'sarif';
  termbases: string[];
  config?: string;
  rules: string[];
  write: boolean;
  isBundled: boolean;
  debug: boolean;
  files: string[];
}

export function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new UsageError(USAGE);
  if (!['check', 'fix', 'extract', 'rules'].includes(command)) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  const options: Options = { command, format: 'text', termbases: [], rules: [], write: false, isBundled: true, debug: false, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (use text, json or sarif)`);
      options.format = format;
    } else if (arg === '--termbase') options.termbases.push(value());
    else if (arg === '--config') options.config = value();
    else if (arg === '--rule') options.rules.push(value());
    else if (arg === '--write') options.write = true;
    else if (arg === '--no-bundled') options.isBundled = false;
    else if (arg === '--debug') options.debug = true;
    else if (arg === '--') options.files.push(...rest.slice(i + 1)), (i = rest.length);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
    else options.files.push(arg);
  }
  if (options.command !== 'rules' && options.files.length === 0) throw new UsageError(`no file given\n${USAGE}`);
  if ((options.command === 'fix' || options.command === 'extract') && options.files.length !== 1) throw new UsageError(`${options.command} takes exactly one file`);
  return options;
}

interface Setup {
  termbase: Termbase;
  rules: Record<string, SeveritySetting>;
  acronymAllowList: string[];
}

function describeProblem(problem: TermbaseProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`;
}

function setUp(options: Options, stderr: (line: string) => void): Setup {
  const configFile = options.config ?? findConfigFile(process.cwd());
  if (options.config && !fs.existsSync(options.config)) throw new UsageError(`config file not found: ${options.config}`);
  const loadedConfig = loadConfigFile(configFile);
  for (const problem of loadedConfig.problems) stderr(describeProblem(problem));
  const files = [...loadedConfig.termbasePaths, ...options.termbases];
  const { termbase, loaded } = loadTermbases(files, options.isBundled && loadedConfig.config.bundledTermbase);
  for (const file of loaded) {
    if (file.concepts.length === 0 && (file.isUnusable || file.problems.some((p) => p.severity === 'error'))) {
      const problem = file.problems[0];
      throw new UsageError(`termbase failed to load: ${problem ? describeProblem(problem) : file.file}`);
    }
  }
  for (const problem of termbase.problems) stderr(describeProblem(problem));
  return { termbase, rules: loadedConfig.config.rules, acronymAllowList: loadedConfig.config.acronymAllowList };
}

function readDocument(file: string): { text: string; hasBom: boolean } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`${file}: file not found`);
  }
  if (stat.isDirectory()) throw new UsageError(`${file}: is a directory, not a document`);
  // A FIFO, socket or device would block the read (or never end): only regular files are documents.
  if (!stat.isFile()) throw new UsageError(`${file}: not a regular file (${specialFileKind(stat)})`);
  try {
    return readDocumentFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`${file}: permission denied`);
    if (error instanceof TypeError) throw new UsageError(`${file}: not valid UTF-8 text`);
    throw new UsageError(`${file}: cannot read (${(error as Error).message})`);
  }
}

interface FileResult {
  path: string;
  text: string;
  findings: Finding[];
}

/**
 * A fix that several findings share (renumbering every note) is written out
 * once, at its first finding; the others say `sameAs` and carry no edits, or a
 * brief with a few hundred notes out of order would print hundreds of copies.
 */
export function formatJson(results: FileResult[]): string {
  return JSON.stringify(
    {
      files: results.map((result) => {
        const lines = new LineIndex(result.text);
        const range = (start: number, end: number) => ({ start: lines.positionAt(start), end: lines.positionAt(end) });
        const firstPlace = new Map<Fix, { diagnostic: number; fix: number }>();
        return {
          path: result.path,
          diagnostics: result.findings.map((f, diagnostic) => ({
            rule: f.rule,
            severity: f.severity,
            message: f.message,
            range: range(f.start, f.end),
            fixes: (f.fixes ?? []).map((fix, index) => {
              const sameAs = firstPlace.get(fix);
              if (sameAs) return { title: fix.title, edits: [], sameAs };
              firstPlace.set(fix, { diagnostic, fix: index });
              return { title: fix.title, edits: fix.edits.map((e) => ({ range: range(e.start, e.end), newText: e.newText })) };
            }),
          })),
        };
      }),
    },
    null,
    2,
  );
}

export function formatText(results: FileResult[]): string {
  const out: string[] = [];
  const counts: Record<string, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const result of results) {
    const lines = new LineIndex(result.text);
    for (const f of result.findings) {
      const at = lines.positionAt(f.start);
      out.push(`${result.path}:${at.line + 1}:${at.character + 1}  ${f.severity}  ${f.rule}  ${f.message}`);
      counts[f.severity]!++;
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  out.push(
    total === 0
      ? `no problems in ${results.length} file${results.length === 1 ? '' : 's'}`
      : `${total} problem${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.information} information, ${counts.hint} hints)`,
  );
  return out.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function formatSarif(results: FileResult[]): string {
  const docsUri = pathToFileURL(path.join(path.dirname(bundledTermbasePath()), '..', 'docs', 'rules.md')).href;
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const region = (lines: LineIndex, start: number, end: number) => {
    const s = lines.positionAt(start);
    const e = lines.positionAt(end);
    return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'BriefLint',
            informationUri: docsUri,
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: `${docsUri}#${ruleAnchor(rule.id)}`,
              defaultConfiguration: { level: rule.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[rule.defaultSeverity], enabled: rule.defaultSeverity !== 'off' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) => {
          const lines = new LineIndex(result.text);
          const artifactLocation = { uri: result.path.split(path.sep).join('/') };
          // A fix shared by several findings (renumbering) is attached to the first of them only.
          const written = new Set<Fix>();
          return result.findings.map((f) => ({ f, fixes: (f.fixes ?? []).filter((fix) => !written.has(fix) && !!written.add(fix)) })).map(({ f, fixes }) => ({
            ruleId: f.rule,
            ruleIndex: ruleIndex.get(f.rule),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation, region: region(lines, f.start, f.end) } }],
            ...(f.related?.length
              ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation, region: region(lines, r.start, r.end) } })) }
              : {}),
            ...(fixes.length
              ? {
                  fixes: fixes.map((fix) => ({
                    description: { text: fix.title },
                    artifactChanges: [{ artifactLocation, replacements: fix.edits.map((e) => ({ deletedRegion: region(lines, e.start, e.end), insertedContent: { text: e.newText } })) }],
                  })),
                }
              : {}),
          }));
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function check(options: Options, io: Io): number {
  const setup = setUp(options, io.stderr);
  const compiled = compileTermbase(setup.termbase);
  const results: FileResult[] = [];
  for (const file of options.files) {
    const { text } = readDocument(file);
    const analysis = analyze(text, { kind: documentKindOf(file), rules: setup.rules, acronymAllowList: setup.acronymAllowList }, compiled);
    results.push({ path: file, text, findings: analysis.findings });
  }
  io.stdout(options.format === 'json' ? formatJson(results) : options.format === 'sarif' ? formatSarif(results) : formatText(results));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/**
 * Applies the preferred (or only) fix of every finding of the chosen rules, in passes until nothing
 * changes (a fix can reveal the next finding: NWNS → NSWN → define NSWN). Without --rule, only errors
 * and warnings are fixed: a hint is advice, not a defect.
 */
function fix(options: Options, io: Io): number {
  const setup = setUp(options, io.stderr);
  const compiled = compileTermbase(setup.termbase);
  const file = options.files[0]!;
  const { text: original, hasBom } = readDocument(file);
  const kind = documentKindOf(file);
  const isChosen = (rule: string) =>
    options.rules.length === 0 || options.rules.some((r) => r === rule || (r.endsWith('/*') && rule.startsWith(r.slice(0, -1))) || r === rule.split('/')[0]);
  let text = original;
  let applied = 0;
  for (let pass = 0; pass < 5; pass++) {
    const analysis = analyze(text, { kind, rules: setup.rules, acronymAllowList: setup.acronymAllowList }, compiled);
    const edits = [];
    let taken = -1;
    for (const finding of analysis.findings) {
      if (!isChosen(finding.rule) || !finding.fixes?.length) continue;
      if (options.rules.length === 0 && finding.severity !== 'error' && finding.severity !== 'warning') continue;
      const chosen = finding.fixes.find((f) => f.isPreferred) ?? (finding.fixes.length === 1 ? finding.fixes[0] : undefined);
      if (!chosen) continue;
      const sorted = [...chosen.edits].sort((a, b) => a.start - b.start);
      // Skip fixes that overlap one already taken in this pass; the next pass sees fresh findings.
      if (sorted.length === 0 || sorted[0]!.start < taken) continue;
      taken = Math.max(...sorted.map((e) => e.end));
      edits.push(...sorted);
      applied++;
    }
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
  }
  if (text === original) {
    io.stderr(`${file}: nothing to fix`);
    return 0;
  }
  if (options.write) {
    try {
      writeFileAtomic(file, (hasBom ? '\ufeff' : '') + text, (hasBom ? '\ufeff' : '') + original);
    } catch (error) {
      if (error instanceof ConcurrentEditError) throw new UsageError(error.message);
      throw new UsageError(`${file}: cannot write (${(error as Error).message})`);
    }
    io.stderr(`${file}: applied ${applied} fix${applied === 1 ? '' : 'es'}`);
  } else {
    io.stdout(text);
    io.stderr(`${file}: ${applied} fix${applied === 1 ? '' : 'es'} (printed; use --write to change the file)`);
  }
  return 0;
}

function extract(options: Options, io: Io): number {
  const file = options.files[0]!;
  const { text } = readDocument(file);
  const proposal = extractTermbase(text, documentKindOf(file), path.basename(file));
  io.stdout(JSON.stringify(proposal, null, 2));
  io.stderr(`${file}: proposed ${proposal.concepts.length} concepts`);
  return 0;
}

function listRules(io: Io): number {
  for (const rule of RULES) io.stdout(`${rule.id.padEnd(32)} ${rule.defaultSeverity.padEnd(12)} ${rule.description}`);
  return 0;
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export function main(argv: string[], io: Io): number {
  let options: Options | undefined;
  try {
    options = parseArgs(argv);
    switch (options.command) {
      case 'check':
        return check(options, io);
      case 'fix':
        return fix(options, io);
      case 'extract':
        return extract(options, io);
      default:
        return listRules(io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`brieflint: ${error.message}`);
      return 2;
    }
    io.stderr(`brieflint: internal error: ${(error as Error).message}${options?.debug || argv.includes('--debug') ? `\n${(error as Error).stack}` : ' (run with --debug for details)'}`);
    return 2;
  }
}

/** Exit status of a process killed by SIGPIPE (128 + 13), as `cat big | head` leaves it. */
export const EXIT_BROKEN_PIPE = 141;

/**
 * What to do when writing to stdout or stderr fails. A reader that stopped
 * early (`brieflint check … | head -1`) closes the pipe: that is EPIPE, not an
 * error, so the CLI stops quietly as a tool killed by SIGPIPE would (Node
 * ignores the signal itself). Any other write error is real and is reported.
 */
export function outputErrorOutcome(error: NodeJS.ErrnoException, stream: 'stdout' | 'stderr'): { exitCode: number; message?: string } {
  if (error.code === 'EPIPE') return { exitCode: EXIT_BROKEN_PIPE };
  return { exitCode: 2, message: `brieflint: cannot write to ${stream}: ${error.message}` };
}

if (require.main === module) {
  for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      const { exitCode, message } = outputErrorOutcome(error, name);
      if (message !== undefined && name === 'stdout') process.stderr.write(`${message}\n`);
      process.exit(exitCode);
    });
  }
  const code = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  });
  process.exitCode = code;
}

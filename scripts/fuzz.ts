/**
 * The long fuzz run of issue 7 (the default test suite runs the same
 * properties with a few hundred cases each):
 *
 *   npm run fuzz                      # 10 minutes in all
 *   npm run fuzz -- --seconds 300     # 5 minutes in all
 *   npm run fuzz -- --runs 5000       # a fixed number of cases per property instead
 *   npm run fuzz -- --seed 42 --only fixes/
 *
 * Options (or the environment: FUZZ_SECONDS, FUZZ_RUNS, FUZZ_SEED, FUZZ_ONLY):
 *   --seconds N   the whole budget. Half goes to the random properties of the
 *                 engine, fixes, loaders and "add term"; a tenth to random LSP
 *                 message sequences on fresh servers; the rest to the fixed
 *                 hostile inputs at full size (every regex on 100,000-character
 *                 inputs, every character repeated to 100 KB in both kinds, the
 *                 constructed lines at 100 KB, a 5 MB Markdown line, 10,000
 *                 footnotes, nesting to 20,000, 10,000 server edit cycles,
 *                 10,000-entry termbases), cheapest first; what does not fit
 *                 is listed as skipped.
 *   --runs N      cases per random property (no time limit for them).
 *   --seed N      the seed of the first property (the others follow it).
 *   --only TEXT   run only what has TEXT in its id.
 *   --path P      with --seed and --only: replay the counterexample fast-check
 *                 printed (its "path"), shrunk, with its error.
 *
 * Prints how many cases each property tried, every distinct counterexample
 * with its seed and path, and exits 1 on any failure.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROPERTIES, runProperty, type PropertyOutcome } from '../test/property/support/properties';
import { ROOT } from '../test/property/support/engine';
import { AnalysisChild, describeResult, type TimedCase, type TimedResult } from '../test/property/support/timedAnalysis';
import { adversarialInputs, isBounded, regexLiterals } from '../test/property/support/redos';
import { allRepeatedCharacters, constructedCases, edgeCaseDocuments, repeatedCharacterCases } from '../test/property/support/adversarial';
import { assertNoLeak, checkServerSequence, describeMemory, measureServerMemory, serverAction } from '../test/property/support/serverProperty';
import { checkBadEntries } from '../test/property/support/termbaseInputs';

interface Options {
  seconds: number;
  runs?: number;
  seed: number;
  only?: string;
  path?: string;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, env: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    if (at >= 0) {
      const next = argv[at + 1];
      if (next === undefined) throw new Error(`--${name} needs a value`);
      return next;
    }
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    return inline ? inline.slice(name.length + 3) : process.env[env];
  };
  const number = (name: string, env: string): number | undefined => {
    const raw = value(name, env);
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed)) throw new Error(`--${name} must be a number, not ${JSON.stringify(raw)}`);
    return parsed;
  };
  for (const arg of argv) {
    if (arg.startsWith('--') && !/^--(?:seconds|runs|seed|only|path)(?:=|$)/.test(arg)) throw new Error(`unknown option ${arg}`);
  }
  return {
    seconds: number('seconds', 'FUZZ_SECONDS') ?? 600,
    ...(number('runs', 'FUZZ_RUNS') !== undefined ? { runs: number('runs', 'FUZZ_RUNS')! } : {}),
    seed: number('seed', 'FUZZ_SEED') ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0,
    ...(value('only', 'FUZZ_ONLY') ? { only: value('only', 'FUZZ_ONLY')! } : {}),
    ...(value('path', 'FUZZ_PATH') ? { path: value('path', 'FUZZ_PATH')! } : {}),
  };
}

interface Line {
  id: string;
  cases: number;
  seconds: number;
  result: string;
}

const summary: Line[] = [];
const failures: string[] = [];
const skipped: string[] = [];

function record(id: string, cases: number, ms: number, failure?: string): void {
  summary.push({ id, cases, seconds: ms / 1000, result: failure ? 'FAILED' : 'ok' });
  if (failure) failures.push(`${id}\n${failure}`);
  console.log(`${failure ? 'FAIL' : 'ok  '}  ${id.padEnd(34)} ${String(cases).padStart(8)} cases  ${(ms / 1000).toFixed(1).padStart(7)} s`);
  if (failure) console.log(indent(failure));
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

const isSelected = (options: Options, id: string) => !options.only || id.includes(options.only);

async function randomProperties(options: Options, budgetMs: number): Promise<void> {
  const chosen = PROPERTIES.filter((p) => isSelected(options, p.id));
  if (chosen.length === 0) return;
  // Each property's share of the time follows its default case count's cost: the fix properties are the dearest.
  const weights = new Map(chosen.map((p) => [p.id, p.id.startsWith('fixes/') ? 2 : 1]));
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  let seed = options.seed;
  for (const property of chosen) {
    const share = (budgetMs * weights.get(property.id)!) / total;
    if (options.runs !== undefined) {
      const outcome: PropertyOutcome = runProperty(property, { seed: seed++, numRuns: options.runs });
      record(property.id, outcome.numRuns, outcome.elapsedMs, outcome.failure && `${outcome.failure}\n(seed ${outcome.seed})`);
      continue;
    }
    // A failure ends a fast-check run; the run goes on with the next seed until the share is spent,
    // so that one bug does not hide the others. Distinct failures are told apart by their message.
    const started = performance.now();
    let cases = 0;
    const distinct = new Map<string, string>();
    while (performance.now() - started < share - 500) {
      const outcome: PropertyOutcome = runProperty(property, { seed: seed++, timeLimitMs: share - (performance.now() - started) });
      cases += outcome.numRuns;
      if (!outcome.failure) continue;
      const message = outcome.failure.split('\n').find((l) => /Error/.test(l)) ?? outcome.failure;
      const key = message.replace(/\d+/g, 'N').replace(/"[^"]*"/g, '""').slice(0, 120);
      if (!distinct.has(key) && distinct.size < 5) distinct.set(key, `${outcome.failure}\n(seed ${outcome.seed})`);
    }
    record(property.id, cases, performance.now() - started, distinct.size > 0 ? [...distinct.values()].join('\n\n') : undefined);
  }
}

async function serverSequences(options: Options, budgetMs: number): Promise<void> {
  const id = 'server/message-sequences';
  if (!isSelected(options, id)) return;
  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(fc.array(serverAction(), { minLength: 20, maxLength: 200 }), async (actions) => {
      await checkServerSequence(actions);
      return true;
    }),
    { seed: options.seed + 100, ...(options.runs !== undefined ? { numRuns: Math.max(1, Math.round(options.runs / 50)) } : { numRuns: 1_000_000, plugins: [fc.interruptAfterTimeLimit(budgetMs)] }) },
  );
  const error = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance ?? '');
  record(id, details.numRuns, performance.now() - started, details.failed ? `${fc.defaultReportMessage(details)}\n${error}` : undefined);
}

/** The fixed hostile inputs at full size, cheapest first, within what is left of the budget. */
async function fixedInputs(options: Options, deadlineAt: number): Promise<void> {
  const child = new AnalysisChild();
  const remaining = () => deadlineAt - performance.now();
  try {
    const regexId = 'regex/adversarial-100k';
    if (isSelected(options, regexId) && remaining() > 0) {
      const started = performance.now();
      const sites = regexLiterals(ROOT, ['server/src']).filter((site) => !isBounded(site));
      const slow: string[] = [];
      let inputs = 0;
      for (const site of sites) {
        if (remaining() <= 0) {
          skipped.push(`${regexId}: ${sites.length - sites.indexOf(site)} patterns`);
          break;
        }
        const cases = adversarialInputs(site, 100_000, 80, 6);
        inputs += cases.length;
        const reply = await child.scan(site.source, site.flags, cases, Math.min(15_000, Math.max(1000, remaining())));
        const where = `${site.file}:${site.line} /${site.source}/${site.flags}`;
        // Linear scans of 100,000 characters take a few milliseconds. Patterns with bounded input (BOUNDED_PATTERNS) are skipped.
        if (reply === 'timeout') slow.push(`${where}: still scanning after the deadline`);
        else if (typeof reply === 'string') slow.push(`${where}: ${reply}`);
        else if (reply.worstMs > 250) slow.push(`${where}: ${Math.round(reply.worstMs)} ms on ${JSON.stringify(cases[reply.worstInput]!.slice(0, 40))}…`);
      }
      record(regexId, inputs, performance.now() - started, slow.length > 0 ? `slow patterns:\n${slow.join('\n')}` : undefined);
    }

    const timedGroups: { id: string; cases: TimedCase[]; deadlineMs: number; isFailure: (r: TimedResult) => boolean }[] = [
      {
        id: 'engine/repeated-characters-100k',
        cases: repeatedCharacterCases(allRepeatedCharacters(), ['plaintext', 'markdown']),
        deadlineMs: 10_000,
        isFailure: (r) => !!(r.timedOut || r.reply?.error || r.reply?.invariant || r.reply!.cpuMs > 1000),
      },
      {
        id: 'engine/constructed-lines-100k',
        cases: constructedCases(100_000).flatMap(({ label, text }) => (['plaintext', 'markdown'] as const).map((kind) => ({ label, kind, text }))),
        deadlineMs: 60_000,
        isFailure: (r) => !!(r.timedOut || r.reply?.error || r.reply?.invariant || r.reply!.engineMs > 1000),
      },
    ];
    for (const group of timedGroups) {
      if (!isSelected(options, group.id)) continue;
      const started = performance.now();
      const bad: string[] = [];
      let done = 0;
      for (const testCase of group.cases) {
        if (remaining() <= 1000) {
          skipped.push(`${group.id}: ${group.cases.length - done} cases (${group.cases.slice(done).map((c) => `${c.label} (${c.kind})`).join('; ').slice(0, 300)})`);
          break;
        }
        const result = await child.run(testCase, Math.min(group.deadlineMs, remaining()));
        done++;
        if (group.isFailure(result)) bad.push(describeResult(result));
      }
      record(group.id, done, performance.now() - started, bad.length > 0 ? bad.join('\n') : undefined);
    }

    const memoryId = 'server/memory-10000-cycles';
    if (isSelected(options, memoryId)) {
      if (remaining() < 60_000) skipped.push(`${memoryId}: needs about a minute`);
      else {
        const started = performance.now();
        try {
          const outcome = await measureServerMemory(10_000, 1_000, readFileSync(path.join(ROOT, 'samples', 'nswn-brief.md'), 'utf8'));
          console.log(`      ${describeMemory(outcome)}`);
          assertNoLeak(outcome);
          record(memoryId, outcome.cycles, performance.now() - started);
        } catch (error) {
          record(memoryId, 0, performance.now() - started, (error as Error).message);
        }
      }
    }

    const termbaseId = 'termbase/10000-entries';
    if (isSelected(options, termbaseId)) {
      if (remaining() < 30_000) skipped.push(`${termbaseId}: needs up to half a minute`);
      else {
        const started = performance.now();
        try {
          checkBadEntries({ diagnostic: (message) => console.log(`      ${message}`) }, 10_000, 2_000);
          record(termbaseId, 3, performance.now() - started);
        } catch (error) {
          record(termbaseId, 3, performance.now() - started, (error as Error).message);
        }
      }
    }

    // The full-size hostile documents last: one of them may run until the budget is spent.
    const hostileId = 'engine/hostile-documents-full';
    if (isSelected(options, hostileId)) {
      const cases = edgeCaseDocuments(true);
      const started = performance.now();
      const bad: string[] = [];
      let done = 0;
      for (const testCase of cases) {
        if (remaining() <= 1000) {
          skipped.push(`${hostileId}: ${cases.length - done} cases (${cases.slice(done).map((c) => `${c.label} (${c.kind})`).join('; ').slice(0, 300)})`);
          break;
        }
        const result = await child.run(testCase, Math.min(300_000, remaining()));
        done++;
        console.log(`      ${describeResult(result)}`);
        if (result.timedOut || result.reply?.error || result.reply?.invariant) bad.push(describeResult(result));
      }
      record(hostileId, done, performance.now() - started, bad.length > 0 ? bad.join('\n') : undefined);
    }
  } finally {
    child.stop();
  }
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`fuzz: ${(error as Error).message}`);
    return 2;
  }
  if (options.path !== undefined) {
    const property = PROPERTIES.find((p) => p.id === options.only);
    if (!property) {
      console.error('fuzz: --path needs --only with the exact id of a property');
      return 2;
    }
    const outcome = runProperty(property, { seed: options.seed, path: options.path, numRuns: 1 });
    console.log(outcome.failure ?? `${property.id}: the case passes now`);
    return outcome.failure ? 1 : 0;
  }
  const started = performance.now();
  const budgetMs = options.seconds * 1000;
  console.log(`BriefLint fuzz run: ${options.seconds} s budget, ${options.runs !== undefined ? `${options.runs} cases per property` : 'cases by time'}, seed ${options.seed}${options.only ? `, only "${options.only}"` : ''}`);
  await randomProperties(options, budgetMs * 0.5);
  await serverSequences(options, budgetMs * 0.1);
  await fixedInputs(options, started + budgetMs);
  const total = summary.reduce((sum, line) => sum + line.cases, 0);
  console.log(`\n${summary.length} properties and input sets, ${total} cases in ${((performance.now() - started) / 1000).toFixed(0)} s; ${failures.length} failed.`);
  for (const line of skipped) console.log(`skipped for lack of time: ${line}`);
  if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => f.split('\n')[0]).join('\n')}`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);

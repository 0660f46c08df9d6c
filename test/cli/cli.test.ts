import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_BROKEN_PIPE, outputErrorOutcome } from '../../server/src/cli';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratch(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'brieflint-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const CLEAN = 'The new-style whole-of-nation system (NSWN, 新型举国体制) shapes policy. The NSWN is new.\n';
const WITH_ERROR = 'Planners speak of a modern industrial base (现代化产业体系) today.\n';

before(() => {
  if (!existsSync(CLI)) {
    const build = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
});

test('check prints path:line:col  severity  rule  message with 1-based positions', () => {
  const dir = scratch({ 'brief.md': 'Title line\n\nThe new-style whole-of-nation system (NSWN, 新型举国体制) grew.\nThe NWNS and the NSWN.\n' });
  const { code, stdout } = run(['check', 'brief.md'], dir);
  assert.equal(code, 0);
  assert.match(stdout, /^brief\.md:4:5 {2}warning {2}term\/near-miss {2}"NWNS" looks like a misspelling of "NSWN"/m);
  assert.match(stdout, /1 problem \(0 errors, 1 warnings/);
});

test('check exits 0 and says so on a clean file', () => {
  const dir = scratch({ 'clean.md': CLEAN });
  const { code, stdout } = run(['check', 'clean.md'], dir);
  assert.equal(code, 0);
  assert.match(stdout, /no problems in 1 file/);
});

test('check exits 1 when a finding is an error', () => {
  const dir = scratch({ 'bad.md': WITH_ERROR });
  const { code, stdout } = run(['check', 'bad.md'], dir);
  assert.equal(code, 1);
  assert.match(stdout, /error {2}term\/mismatch/);
});

test('json output has exactly the documented shape with 0-based LSP ranges', () => {
  const dir = scratch({ 'bad.md': WITH_ERROR });
  const { code, stdout } = run(['check', '--format', 'json', 'bad.md'], dir);
  assert.equal(code, 1);
  const parsed = JSON.parse(stdout);
  assert.deepEqual(Object.keys(parsed), ['files']);
  assert.equal(parsed.files[0].path, 'bad.md');
  const diagnostic = parsed.files[0].diagnostics.find((d: { rule: string }) => d.rule === 'term/mismatch');
  assert.deepEqual(Object.keys(diagnostic), ['rule', 'severity', 'message', 'range', 'fixes']);
  const column = WITH_ERROR.indexOf('现代化产业体系');
  assert.deepEqual(diagnostic.range, { start: { line: 0, character: column }, end: { line: 0, character: column + 7 } });
  assert.equal(diagnostic.severity, 'error');
  assert.ok(diagnostic.fixes.length >= 1);
  assert.deepEqual(Object.keys(diagnostic.fixes[0]), ['title', 'edits']);
  assert.deepEqual(Object.keys(diagnostic.fixes[0].edits[0]), ['range', 'newText']);
});

test('json output writes a fix that several problems share once, and points the others at it', () => {
  const text = 'First claim.[^2] Second claim.[^1] Third claim.[^4] Fourth claim.[^3]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n[^4]: Four.\n';
  const dir = scratch({ 'order.md': text });
  const { stdout } = run(['check', '--format', 'json', 'order.md'], dir);
  const diagnostics = JSON.parse(stdout).files[0].diagnostics.filter((d: { rule: string }) => d.rule === 'footnote/order');
  assert.equal(diagnostics.length, 2);
  const [first, second] = diagnostics.map((d: { fixes: { title: string; edits: unknown[]; sameAs?: unknown }[] }) => d.fixes[0]!);
  assert.equal(first.title, 'Renumber all notes in order of first citation');
  assert.equal(first.edits.length, 8, 'four markers and four labels');
  assert.deepEqual(second, { title: first.title, edits: [], sameAs: { diagnostic: 0, fix: 0 } });
});

test('sarif output is SARIF 2.1.0 with rule metadata and 1-based regions', () => {
  const dir = scratch({ 'bad.md': WITH_ERROR });
  const { stdout } = run(['check', '--format', 'sarif', 'bad.md'], dir);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const runEntry = sarif.runs[0];
  assert.equal(runEntry.tool.driver.name, 'BriefLint');
  const ruleIds = runEntry.tool.driver.rules.map((r: { id: string }) => r.id);
  assert.ok(ruleIds.includes('term/mismatch') && ruleIds.includes('term/near-miss'));
  const result = runEntry.results.find((r: { ruleId: string }) => r.ruleId === 'term/mismatch');
  assert.equal(result.level, 'error');
  assert.equal(runEntry.tool.driver.rules[result.ruleIndex].id, 'term/mismatch');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 1);
  assert.equal(result.locations[0].physicalLocation.region.startColumn, WITH_ERROR.indexOf('现代化产业体系') + 1);
});

test('unknown option, missing file, directory and non-UTF-8 input exit 2 with one clear line', () => {
  const dir = scratch({ 'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'sub/a.md': CLEAN });
  const cases: [string[], RegExp][] = [
    [['check', '--frobnicate', 'a.md'], /unknown option "--frobnicate"/],
    [['check', 'missing.md'], /missing\.md: file not found/],
    [['check', 'sub'], /sub: is a directory/],
    [['check', 'latin1.txt'], /latin1\.txt: not valid UTF-8/],
    [['check', '--format', 'xml', 'sub/a.md'], /unknown format "xml"/],
    [['frobnicate'], /unknown command/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr, stdout } = run(args, dir);
    assert.equal(code, 2, `${args.join(' ')} exits 2`);
    assert.match(stderr.split('\n')[0]!, message);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.equal(stdout, '');
  }
});

test('an unreadable file exits 2', { skip: process.getuid?.() === 0 ? 'root can read any file' : false }, () => {
  const dir = scratch({ 'locked.md': CLEAN });
  chmodSync(join(dir, 'locked.md'), 0o000);
  const { code, stderr } = run(['check', 'locked.md'], dir);
  assert.equal(code, 2);
  assert.match(stderr, /permission denied/);
});

test('--termbase adds a JSON, TBX or CSV termbase to the bundled one', () => {
  const json = JSON.stringify({ concepts: [{ id: 'nqpf', zh: '新质生产力', en: 'new quality productive forces', deprecated: ['new productive forces'] }] });
  const csv = 'id,en,zh,deprecated\nnqpf,new quality productive forces,新质生产力,new productive forces\n';
  const tbx = `<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="en"><text><body><termEntry id="nqpf"><langSet xml:lang="zh"><tig><term>新质生产力</term></tig></langSet><langSet xml:lang="en"><tig><term>new quality productive forces</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig><tig><term>new productive forces</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry></body></text></martif>`;
  const doc = 'The NWNS aims at new productive forces (新质生产力).\n';
  const dir = scratch({ 'brief.md': doc, 'terms.json': json, 'terms.csv': csv, 'terms.tbx': tbx });
  const without = run(['check', 'brief.md'], dir);
  assert.match(without.stdout, /term\/unknown-zh/);
  for (const file of ['terms.json', 'terms.csv', 'terms.tbx']) {
    const { stdout } = run(['check', '--termbase', file, 'brief.md'], dir);
    assert.match(stdout, /term\/deprecated {2}"new productive forces" is a deprecated rendering; use "new quality productive forces"/, file);
    assert.match(stdout, /term\/near-miss/, `${file}: the bundled termbase is still loaded`);
    assert.doesNotMatch(stdout, /term\/unknown-zh/, file);
  }
});

test('a termbase that fails to load at all exits 2 naming the file and cause', () => {
  const dir = scratch({ 'brief.md': CLEAN, 'broken.json': '{ "concepts": [ {"id": ' });
  const { code, stderr } = run(['check', '--termbase', 'broken.json', 'brief.md'], dir);
  assert.equal(code, 2);
  assert.match(stderr, /termbase failed to load: broken\.json:1:\d+: error: JSON syntax error/);
  const missing = run(['check', '--termbase', 'nowhere.json', 'brief.md'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nowhere\.json:1:1: error: cannot read termbase: file not found/);
});

test('a termbase with a bad entry still loads its good ones and reports the problem with file:line:col', () => {
  const json = '{\n  "concepts": [\n    { "id": "bad" },\n    { "id": "good", "en": "new productive forces era", "deprecated": ["productive era"] }\n  ]\n}\n';
  const dir = scratch({ 'brief.md': 'A productive era began.\n', 'terms.json': json });
  const { code, stdout, stderr } = run(['check', '--termbase', 'terms.json', 'brief.md'], dir);
  assert.equal(code, 0);
  assert.match(stderr, /terms\.json:3:5: error: concept "bad" has no preferred English term/);
  assert.match(stdout, /term\/deprecated/);
});

test('.brieflint.json is found from the working directory upward and sets severities and termbases', () => {
  const config = JSON.stringify({ termbases: ['terms/house.json'], rules: { 'term/near-miss': 'error', 'term/unknown-zh': 'off' } });
  const house = JSON.stringify({ concepts: [{ id: 'x', en: 'dual circulation strategy', deprecated: ['twin circulation'] }] });
  const dir = scratch({ '.brieflint.json': config, 'terms/house.json': house, 'drafts/brief.md': 'The NWNS and twin circulation (某某某).\n' });
  const { code, stdout } = run(['check', 'brief.md'], join(dir, 'drafts'));
  assert.equal(code, 1, 'near-miss raised to error');
  assert.match(stdout, /error {2}term\/near-miss/);
  assert.match(stdout, /term\/deprecated {2}"twin circulation"/);
  assert.doesNotMatch(stdout, /unknown-zh/);
});

test('fix prints the fixed text without --write and changes the file atomically with --write', () => {
  const original = 'The NWNS grew. The dual cycle strategy matters.\n';
  const dir = scratch({ 'brief.md': original });
  const dry = run(['fix', 'brief.md'], dir);
  assert.equal(dry.code, 0);
  // NWNS → NSWN reveals an undefined acronym, whose fix spells it out at first use.
  assert.equal(dry.stdout, 'The new-style whole-of-nation system (NSWN) grew. The dual circulation strategy matters.\n\n');
  assert.equal(readFileSync(join(dir, 'brief.md'), 'utf8'), original, 'the file is untouched without --write');
  const onlyNearMiss = run(['fix', '--rule', 'term/near-miss', 'brief.md'], dir);
  assert.equal(onlyNearMiss.stdout, 'The NSWN grew. The dual cycle strategy matters.\n\n');
  const written = run(['fix', '--write', 'brief.md'], dir);
  assert.equal(written.code, 0);
  assert.equal(readFileSync(join(dir, 'brief.md'), 'utf8'), 'The new-style whole-of-nation system (NSWN) grew. The dual circulation strategy matters.\n');
  assert.match(written.stderr, /applied 3 fixes/);
});

test('extract proposes hanzi terms with their English and the acronyms the text defines', () => {
  const dir = scratch({ 'brief.txt': 'Xi stressed the Central Special Commission (中央专委) and state-owned enterprise (SOE) reform. SOEs matter.\n' });
  const { code, stdout } = run(['extract', 'brief.txt'], dir);
  assert.equal(code, 0);
  const proposal = JSON.parse(stdout);
  assert.ok(proposal.concepts.some((c: { zh?: string; en: string }) => c.zh === '中央专委' && c.en === 'Central Special Commission'));
  assert.ok(proposal.concepts.some((c: { acronym?: string; en: string }) => c.acronym === 'SOE' && c.en === 'state-owned enterprise'));
});

test('check refuses a named pipe or a device at once with one line naming it, and still checks a regular file', () => {
  const dir = scratch({ 'good.md': CLEAN });
  assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.md')]).status, 0, 'mkfifo works here');
  const cases: [string[], RegExp][] = [
    [['check', 'pipe.md'], /^brieflint: pipe\.md: not a regular file \(a named pipe\)$/],
    [['check', 'good.md', 'pipe.md'], /^brieflint: pipe\.md: not a regular file \(a named pipe\)$/],
    [['extract', 'pipe.md'], /^brieflint: pipe\.md: not a regular file \(a named pipe\)$/],
    [['check', '/dev/null'], /^brieflint: \/dev\/null: not a regular file \(a device\)$/],
    [['check', '--termbase', 'pipe.md', 'good.md'], /^brieflint: termbase failed to load: pipe\.md:1:1: error: cannot read termbase: not a regular file \(a named pipe\)$/],
  ];
  for (const [args, message] of cases) {
    // Without the refusal, reading the pipe waits for a writer for ever: the short timeout catches that.
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 5_000 });
    assert.equal(result.error, undefined, `${args.join(' ')} did not finish: ${result.error?.message}`);
    assert.equal(result.status, 2, `${args.join(' ')} exits 2`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr.trimEnd(), message);
  }
  const good = run(['check', 'good.md'], dir);
  assert.equal(good.code, 0);
  assert.match(good.stdout, /no problems in 1 file/);
});

test('a reader that closes the pipe early ends the CLI quietly with the status of a broken pipe', () => {
  const dir = scratch({ 'long.md': 'The NWNS grew.\n'.repeat(20_000) });
  // The exit status goes to stderr after the CLI's own stderr, so both can be checked.
  const result = spawnSync('sh', ['-c', `{ "${process.execPath}" "${CLI}" check long.md; echo "exit=$?" >&2; } | head -n 1`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.match(result.stdout, /^long\.md:1:5 {2}warning {2}term\/near-miss .*\n$/);
  assert.equal(result.stderr, 'exit=141\n');
});

test('a reader that takes everything gets all of it and the usual exit status', () => {
  const dir = scratch({ 'long.md': 'The NWNS grew.\n'.repeat(2_000) });
  const result = spawnSync('sh', ['-c', `{ "${process.execPath}" "${CLI}" check long.md; echo "exit=$?" >&2; } | wc -l`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.stdout.trim(), '2001');
  assert.equal(result.stderr, 'exit=0\n');
});

test('a failing write to stdout other than a closed pipe is reported in one line and exits 2', { skip: existsSync('/dev/full') ? false : 'no /dev/full here' }, () => {
  const dir = scratch({ 'brief.md': 'The NWNS grew.\n' });
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check brief.md > /dev/full`], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'brieflint: cannot write to stdout: ENOSPC: no space left on device, write\n');
});

test('only a closed pipe counts as a reader that stopped; other output errors are errors', () => {
  const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  assert.deepEqual(outputErrorOutcome(epipe, 'stdout'), { exitCode: EXIT_BROKEN_PIPE });
  assert.deepEqual(outputErrorOutcome(epipe, 'stderr'), { exitCode: EXIT_BROKEN_PIPE });
  const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  assert.deepEqual(outputErrorOutcome(full, 'stdout'), { exitCode: 2, message: 'brieflint: cannot write to stdout: ENOSPC: no space left on device, write' });
});

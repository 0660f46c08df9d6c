/**
 * Writes never lose the user's other content. `writeFileAtomic` (used by the
 * CLI's `fix --write` and the server's "add term") writes a temporary file and
 * renames it: a concurrent reader sees the old file or the new one, never half
 * of one; a failed write leaves the original and no temporary file; a file
 * changed on disk since it was read is not overwritten; a write through a
 * symbolic link updates the file it points to and keeps the link. "Add term"
 * inserts one entry and keeps every other byte of a hand-written termbase,
 * a byte order mark and a comment inside an empty list included.
 * `brieflint fix --write` keeps a BOM, CRLF line ends, the file mode, and an
 * edit made while it runs.
 *
 * Budget: 300 generated termbases and the fixed cases (about 8 s).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConcurrentEditError, writeFileAtomic } from '../../server/src/node/files';
import { addConceptToTermbaseText } from '../../server/src/lsp/addTerm';
import { ROOT } from './support/engine';
import { checkAddTerm, findProperty } from './support/properties';
import { checkProperty } from './support/runner';

const CLI = path.join(ROOT, 'dist', 'cli.js');

const scratchDirs: string[] = [];

function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brieflint-safety-'));
  scratchDirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** Temporary files writeFileAtomic may have left: anything but the expected names. */
function strayFiles(dir: string, expected: string[]): string[] {
  return readdirSync(dir).filter((name) => !expected.includes(name));
}

before(() => {
  if (!existsSync(CLI)) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
});

test(findProperty('data/add-term').claim, (t) => checkProperty(t, findProperty('data/add-term')));

test('writeFileAtomic replaces the content, keeps the mode and leaves no temporary file', () => {
  const dir = scratchDir();
  const file = path.join(dir, 'terms.json');
  writeFileSync(file, 'old');
  chmodSync(file, 0o640);
  writeFileAtomic(file, 'new content ✓');
  assert.equal(readFileSync(file, 'utf8'), 'new content ✓');
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(strayFiles(dir, ['terms.json']), []);
});

test('writeFileAtomic refuses to overwrite a file changed since it was read, and leaves it as it is', () => {
  const dir = scratchDir();
  const file = path.join(dir, 'terms.json');
  writeFileSync(file, 'edited by someone else');
  assert.throws(() => writeFileAtomic(file, 'ours', 'what we read'), ConcurrentEditError);
  assert.equal(readFileSync(file, 'utf8'), 'edited by someone else');
  assert.deepEqual(strayFiles(dir, ['terms.json']), []);
  // A file deleted since it was read counts as changed too.
  const gone = path.join(dir, 'gone.json');
  assert.throws(() => writeFileAtomic(gone, 'ours', 'what we read'), ConcurrentEditError);
  assert.equal(existsSync(gone), false);
});

test('a failed write leaves the original and no temporary file', () => {
  const dir = scratchDir();
  // The rename cannot replace a directory: the write fails after the temporary file exists.
  const target = path.join(dir, 'terms.json');
  mkdirSync(target);
  writeFileSync(path.join(target, 'inside.txt'), 'keep');
  assert.throws(() => writeFileAtomic(target, 'new'));
  assert.equal(readFileSync(path.join(target, 'inside.txt'), 'utf8'), 'keep');
  assert.deepEqual(strayFiles(dir, ['terms.json']), []);
  assert.throws(() => writeFileAtomic(path.join(dir, 'missing-folder', 'terms.json'), 'new'));
  assert.deepEqual(strayFiles(dir, ['terms.json']), []);
});

test('a reader never sees half a file while writeFileAtomic replaces it 200 times', async () => {
  const dir = scratchDir();
  const file = path.join(dir, 'terms.json');
  const versions = ['A'.repeat(400_000), 'B'.repeat(600_000)];
  writeFileSync(file, versions[0]!);
  // A separate process reads in a tight loop and reports any content that is neither version.
  const reader = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('fs'); const seen = new Set(); let reads = 0; const stop = Date.now() + 20000;
       const loop = () => { for (let i = 0; i < 50; i++) { let t; try { t = fs.readFileSync(${JSON.stringify(file)}, 'utf8'); } catch (e) { seen.add('error:' + e.code); continue; } reads++;
         if (!(t === 'A'.repeat(400000) || t === 'B'.repeat(600000))) seen.add('partial:' + t.length); }
         if (fs.existsSync(${JSON.stringify(path.join(dir, 'done'))}) || Date.now() > stop) { process.stdout.write(JSON.stringify({ reads, seen: [...seen] })); return; } setImmediate(loop); };
       loop();`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  reader.stdout.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => reader.on('exit', resolve));
  for (let i = 0; i < 200; i++) {
    writeFileAtomic(file, versions[(i + 1) % 2]!);
    if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  writeFileSync(path.join(dir, 'done'), '');
  await exited;
  const { reads, seen } = JSON.parse(output) as { reads: number; seen: string[] };
  assert.ok(reads > 0, 'the reader read');
  assert.deepEqual(seen, [], `after ${reads} reads`);
  assert.deepEqual(strayFiles(dir, ['terms.json', 'done']), []);
});

function runCli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

test('fix --write writes what the dry run prints, and keeps the BOM, CRLF line ends, code and the file mode', () => {
  const dir = scratchDir();
  const body = 'The NWNS grew.\r\n\r\nThe dual cycle strategy matters; `NWNS` in code stays.\r\n';
  const file = path.join(dir, 'brief.md');
  writeFileSync(file, `\ufeff${body}`);
  chmodSync(file, 0o600);
  const dry = runCli(['fix', 'brief.md'], dir);
  assert.equal(dry.status, 0, dry.stderr);
  assert.equal(readFileSync(file, 'utf8'), `\ufeff${body}`, 'the dry run leaves the file alone');
  const result = runCli(['fix', '--write', 'brief.md'], dir);
  assert.equal(result.status, 0, result.stderr);
  const written = readFileSync(file, 'utf8');
  assert.equal(written, `\ufeff${dry.stdout.replace(/\n$/, '')}`, 'the file holds what the dry run printed');
  assert.ok(written.startsWith('\ufeff'), 'the BOM is kept');
  assert.doesNotMatch(written, /[^\r]\n|\r(?!\n)/, 'every line still ends in CRLF');
  assert.match(written, /NSWN[^\r]* grew\.\r\n\r\nThe dual circulation strategy matters; `NWNS` in code stays\.\r\n$/);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(strayFiles(dir, ['brief.md']), []);
});

test('an edit made while fix --write runs is never lost', async (t) => {
  const dir = scratchDir();
  const file = path.join(dir, 'brief.txt');
  // Large enough that the analysis takes a while: the edit lands while the CLI works.
  const original = 'The NWNS grew and the dual cycle strategy matters.\n'.repeat(60_000);
  writeFileSync(file, original);
  const child = spawn(process.execPath, [CLI, 'fix', '--write', 'brief.txt'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const edited = `${original}A paragraph the writer added while the fix ran.\n`;
  writeFileSync(file, edited);
  const code = await exited;
  const final = readFileSync(file, 'utf8');
  assert.ok(final.includes('A paragraph the writer added while the fix ran.'), `the writer's edit was lost (exit ${code}: ${stderr})`);
  t.diagnostic(final === edited ? 'the CLI saw the edit and refused to write' : 'the CLI read the file after the edit and fixed it');
  if (final === edited) {
    assert.equal(code, 2, 'a refused write exits 2');
    assert.match(stderr, /changed on disk since it was read; not overwritten/);
    assert.equal(stderr.trim().split('\n').length, 1, 'one line');
  }
  assert.deepEqual(strayFiles(dir, ['brief.txt']), []);
});

test('"add term" keeps a comment inside an empty concepts list', () => {
  // Minimised by fast-check from the add-term property.
  const text = '{"concepts": [ /* keep */ ]}';
  checkAddTerm(text, { zh: '新质生产力', en: 'new quality productive forces' });
});

test('"add term" accepts a termbase that starts with a byte order mark, as the loader does', () => {
  // Minimised by fast-check from the add-term property: the loader reads this file, so adding to it must work.
  const text = '\ufeff{"concepts": []}\n';
  const outcome = addConceptToTermbaseText(text, { zh: '新质生产力', en: 'new quality productive forces' });
  assert.equal(outcome.isAlreadyPresent, false);
  checkAddTerm(text, { zh: '新质生产力', en: 'new quality productive forces' });
});

test('writing through a symbolic link updates the file it points to and keeps the link', () => {
  const dir = scratchDir();
  mkdirSync(path.join(dir, 'shared'));
  const real = path.join(dir, 'shared', 'house.json');
  const link = path.join(dir, 'terms.json');
  writeFileSync(real, 'old');
  symlinkSync(real, link);
  writeFileAtomic(link, 'new', 'old');
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal(readlinkSync(link), real);
  assert.equal(readFileSync(real, 'utf8'), 'new', 'the shared file was updated');
});

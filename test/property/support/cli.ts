/**
 * Running the built CLI on a scratch folder of bad inputs: missing, a
 * directory, Latin-1, UTF-16, binary, empty, a FIFO.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './engine';

export const CLI = path.join(ROOT, 'dist', 'cli.js');
const CLEAN = 'The new-style whole-of-nation system (NSWN, 新型举国体制) shapes policy. The NSWN is new.\n';

/** Builds dist/ if needed and fills a scratch folder with the bad inputs; returns the folder. */
export function makeCliScratch(): string {
  if (!existsSync(CLI)) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'brieflint-inputs-'));
  writeFileSync(path.join(dir, 'good.md'), CLEAN);
  writeFileSync(path.join(dir, 'latin1.md'), Buffer.from('caf\xe9 NSWN\n', 'latin1'));
  writeFileSync(path.join(dir, 'utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('The NSWN grew.\n', 'utf16le')]));
  writeFileSync(path.join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8, 0xc0, 0x80]));
  writeFileSync(path.join(dir, 'empty.md'), '');
  mkdirSync(path.join(dir, 'folder.md'));
  const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.md')]);
  assert.equal(fifo.status, 0, 'mkfifo works here');
  return dir;
}

export function runCli(dir: string, args: string[], timeout = 30_000) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', isTimedOut: result.error?.message.includes('ETIMEDOUT') ?? false };
}

/** Exit 2, exactly one line on stderr matching `message`, nothing on stdout, no stack trace. */
export function assertOneLineUsageError(dir: string, args: string[], message: RegExp, timeout?: number): void {
  const { code, stdout, stderr, isTimedOut } = runCli(dir, args, timeout);
  const what = `brieflint ${args.join(' ')}`;
  assert.ok(!isTimedOut, `${what} still ran after ${timeout} ms`);
  assert.equal(code, 2, `${what} exits 2 (stderr: ${stderr})`);
  assert.equal(stdout, '', `${what} prints nothing on stdout`);
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${what} prints one line, not ${JSON.stringify(stderr)}`);
  assert.match(lines[0]!, message, what);
  assert.doesNotMatch(stderr, /^\s+at /m, `${what}: no stack trace`);
}

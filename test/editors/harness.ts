/**
 * What the real-editor tests share: throwaway folders with their own HOME and
 * XDG_* variables, processes started in their own group and ended by it, pass
 * or fail, bounded waits, prerequisites that fail under CI=true and skip with
 * the exact install command elsewhere, and the CLI's findings for a file (what
 * every editor must show).
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/**
 * Skips the test when a prerequisite is missing, saying how to get it; under
 * CI=true a missing prerequisite fails the test instead.
 */
export function requirePrerequisite(t: TestContext, isPresent: boolean, what: string, howToGet: string): boolean {
  if (isPresent) return true;
  const message = `${what} is missing; ${howToGet}`;
  if (isCi()) throw new Error(`${message} (CI=true: a missing prerequisite is a failure)`);
  t.skip(message);
  return false;
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export interface Throwaway {
  dir: string;
  /** HOME and the XDG_* folders inside `dir`, plus the rest of this process's environment. */
  env: NodeJS.ProcessEnv;
  /** Deletes the folder (kept when BRIEFLINT_KEEP_TMP=1, for debugging). */
  remove(): void;
}

/** A fresh folder for one editor run, with a home of its own so that nothing is written to the user's. */
export function makeThrowaway(prefix: string): Throwaway {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `brieflint-${prefix}-`));
  const home = path.join(dir, 'home');
  const xdg = {
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_RUNTIME_DIR: path.join(dir, 'run'),
  };
  for (const folder of [home, ...Object.values(xdg)]) fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return {
    dir,
    env: { ...process.env, HOME: home, ...xdg },
    remove() {
      if (process.env.BRIEFLINT_KEEP_TMP === '1') return;
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export interface GroupProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  /** The exit code or signal if the process has exited, else undefined. */
  exitStatus(): number | string | undefined;
  /** SIGTERM to the whole group, then SIGKILL after `graceMs` if it is still there. */
  kill(graceMs?: number): Promise<void>;
}

function isGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a process in a group of its own, so that it and every child it starts can be ended together. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions = {}): GroupProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let status: number | string | undefined;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve((status = code ?? signal ?? 'unknown')));
    child.on('error', (error) => {
      output += `\n${String(error)}`;
      resolve((status = 'spawn-error'));
    });
  });
  const pid = child.pid;
  // Should this test process die before its cleanup runs, take the group along.
  const killOnExit = () => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', killOnExit);
  return {
    child,
    output: () => output,
    exited,
    exitStatus: () => status,
    async kill(graceMs = 3000) {
      if (pid === undefined) return;
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-pid, name);
        } catch {
          // The group is gone already.
        }
      };
      signal('SIGTERM');
      const deadline = Date.now() + graceMs;
      while (isGroupAlive(pid) && Date.now() < deadline) await delay(50);
      if (isGroupAlive(pid)) signal('SIGKILL');
      const killDeadline = Date.now() + 2000;
      while (isGroupAlive(pid) && Date.now() < killDeadline) await delay(50);
      if (!isGroupAlive(pid)) process.removeListener('exit', killOnExit);
    },
  };
}

/** Runs a command to completion in its own group, killing the group if it outlives `timeoutMs`. */
export async function runBounded(
  command: string,
  args: string[],
  options: SpawnOptions & { timeoutMs: number },
): Promise<{ code: number | string; output: string; isTimedOut: boolean }> {
  const proc = spawnGroup(command, args, options);
  let isTimedOut = false;
  const timer = setTimeout(() => {
    isTimedOut = true;
    void proc.kill();
  }, options.timeoutMs);
  try {
    const code = await proc.exited;
    return { code, output: proc.output(), isTimedOut };
  } finally {
    clearTimeout(timer);
    await proc.kill(500);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns a value other than undefined, or fails after
 * `timeoutMs` saying what it waited for. An error thrown by `probe` ends the wait at once.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}

export interface CliDiagnostic {
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The findings `brieflint check --format json` reports for a file: what an editor must show for it. */
export function cliDiagnostics(file: string): CliDiagnostic[] {
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], { cwd: path.dirname(file), encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`brieflint check exited ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: CliDiagnostic[] }[] };
  return report.files.flatMap((f) => f.diagnostics);
}

export function requireBuilt(file: string): string {
  const full = path.join(REPO_ROOT, file);
  if (!fs.existsSync(full)) throw new Error(`${file} is missing: build it first (node esbuild.mjs, or bash scripts/test-editors.sh)`);
  return full;
}

/**
 * File-system side of the engine, shared by the CLI and the language server:
 * termbase and config files, the bundled termbase, atomic writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTermbaseText, mergeTermbases, type Termbase, type TermbaseFile } from '../engine/index';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfigText, type WorkspaceConfig } from '../engine/config';
import type { TermbaseProblem } from '../engine/termbase/model';

/** Finds `terminology/brief.json` from the running bundle (dist/) or the sources (server/src/node/). */
export function bundledTermbasePath(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'terminology', 'brief.json');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(__dirname, '..', 'terminology', 'brief.json');
}

/** What a path that is not a regular file or a directory is, in words. */
export function specialFileKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

/**
 * Why `file` cannot be read as a text file without blocking, or undefined when
 * it can be tried: reading a named pipe waits for a writer that may never come.
 */
function specialFileProblem(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  return stat.isFile() || stat.isDirectory() ? undefined : `not a regular file (${specialFileKind(stat)})`;
}

export function readTermbaseFile(file: string): TermbaseFile {
  let text: string;
  const special = specialFileProblem(file);
  if (special) return { file, concepts: [], problems: [{ file, line: 1, column: 1, severity: 'error', message: `cannot read termbase: ${special}` }], isUnusable: true };
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return { file, concepts: [], problems: [{ file, line: 1, column: 1, severity: 'error', message: `cannot read termbase: ${cause}` }], isUnusable: true };
  }
  return loadTermbaseText(text, file);
}

/** Reads and merges termbases in order; the bundled one first unless disabled. */
export function loadTermbases(files: readonly string[], includeBundled = true): { termbase: Termbase; loaded: TermbaseFile[] } {
  const loaded = [...(includeBundled ? [bundledTermbasePath()] : []), ...files].map(readTermbaseFile);
  return { termbase: mergeTermbases(loaded), loaded };
}

/** Looks for `.brieflint.json` from `startDir` upward. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedConfig {
  file?: string;
  config: WorkspaceConfig;
  problems: TermbaseProblem[];
  /** Termbase paths resolved against the config file's folder. */
  termbasePaths: string[];
}

export function loadConfigFile(file: string | undefined): LoadedConfig {
  if (!file) return { config: DEFAULT_CONFIG, problems: [], termbasePaths: [] };
  let text: string;
  try {
    const special = specialFileProblem(file);
    if (special) throw new Error(special);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return {
      file,
      config: DEFAULT_CONFIG,
      problems: [{ file, line: 1, column: 1, severity: 'error', message: `cannot read config: ${(error as Error).message}` }],
      termbasePaths: [],
    };
  }
  const { config, problems } = parseConfigText(text, file);
  return { file, config, problems, termbasePaths: config.termbases.map((t) => path.resolve(path.dirname(file), t)) };
}

export class ConcurrentEditError extends Error {}

/**
 * The file a write must replace: the end of a chain of symbolic links, so
 * that the link stays a link and the file it points to (a termbase shared by
 * several workspaces, say) gets the new text. A dangling link yields the path
 * it points to, which the write then creates; a loop of links throws ELOOP.
 */
export function resolveWriteTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    // Missing, or a dangling link: follow the links by hand.
  }
  let target = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!fs.lstatSync(target).isSymbolicLink()) return target;
      link = fs.readlinkSync(target);
    } catch {
      return target;
    }
    target = path.resolve(path.dirname(target), link);
  }
  throw Object.assign(new Error(`${file}: too many levels of symbolic links`), { code: 'ELOOP' });
}

/**
 * Writes a file atomically: a temporary file beside it, then a rename, so a
 * crash never leaves half a file. With `expectedText`, refuses to write when the
 * file on disk no longer holds that text (someone else edited it meanwhile).
 * Through a symbolic link, the file it points to is replaced and the link kept.
 */
export function writeFileAtomic(file: string, text: string, expectedText?: string): void {
  const target = resolveWriteTarget(file);
  if (expectedText !== undefined) {
    let current: string | undefined;
    try {
      current = fs.readFileSync(target, 'utf8');
    } catch {
      current = undefined;
    }
    if ((current ?? '') !== expectedText) throw new ConcurrentEditError(`${file} changed on disk since it was read; not overwritten`);
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode;
  } catch {
    mode = undefined;
  }
  try {
    fs.writeFileSync(temporary, text, { encoding: 'utf8', mode });
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Reads a document as UTF-8, refusing bytes that are not valid UTF-8. A byte
 * order mark is taken off (remark drops it too, which would shift offsets) and
 * reported, so that a writer can put it back.
 */
export function readDocumentFile(file: string): { text: string; hasBom: boolean } {
  const bytes = fs.readFileSync(file);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  const hasBom = text.charCodeAt(0) === 0xfeff;
  return { text: hasBom ? text.slice(1) : text, hasBom };
}

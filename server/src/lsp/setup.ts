/**
 * What one document is checked with: the workspace config file the CLI reads
 * too (`.brieflint.json`, from the document's folder upward), the editor
 * settings, and the merged termbase they name. Precedence, lowest first:
 * defaults, editor settings, `.brieflint.json` (the file a team commits, and
 * the one CI runs with). Termbases merge bundled → settings → config file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ACRONYM_ALLOW_LIST, documentKindOf, type AnalyzeOptions, type CompiledTermbase, type DocumentKind } from '../engine/index';
import { CONFIG_FILE_NAME } from '../engine/config';
import type { TermbaseProblem } from '../engine/termbase/model';
import { bundledTermbasePath, loadConfigFile, type LoadedConfig } from '../node/files';
import type { BriefLintSettings } from './settings';
import type { TermbaseStore } from './termbaseStore';

/** The file-system path of a `file:` URI, or undefined for other schemes (untitled, virtual). */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

interface ConfigState {
  text: string | undefined;
  loaded: LoadedConfig;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `.brieflint.json` files: found once per folder, read once per version. */
export class ConfigStore {
  private readonly configs = new Map<string, ConfigState>();
  private readonly found = new Map<string, string | undefined>();
  /** Bumps whenever a config file is read: what `statuses()` reports may have changed. */
  generation = 0;

  /** The config file that governs a folder: the nearest `.brieflint.json` upward. */
  find(folder: string): string | undefined {
    if (this.found.has(folder)) return this.found.get(folder);
    const candidate = path.join(folder, CONFIG_FILE_NAME);
    let isFile = false;
    try {
      isFile = fs.statSync(candidate).isFile();
    } catch {
      isFile = false;
    }
    const parent = path.dirname(folder);
    const result = isFile ? candidate : parent === folder ? undefined : this.find(parent);
    this.found.set(folder, result);
    return result;
  }

  /** Call when a `.brieflint.json` appears or disappears anywhere. */
  forgetLocations(): void {
    this.found.clear();
  }

  load(file: string): LoadedConfig {
    let state = this.configs.get(file);
    if (!state) {
      state = { text: readText(file), loaded: loadConfigFile(file) };
      this.configs.set(file, state);
      this.generation++;
    }
    return state.loaded;
  }

  isKnown(file: string): boolean {
    return this.configs.has(file);
  }

  /** Re-reads a known config file; true when its text changed. */
  reload(file: string): boolean {
    const state = this.configs.get(file);
    if (!state) return false;
    const text = readText(file);
    if (text === state.text) return false;
    this.generation++;
    if (text === undefined) {
      this.configs.delete(file);
      this.forgetLocations();
      return true;
    }
    this.configs.set(file, { text, loaded: loadConfigFile(file) });
    return true;
  }

  statuses(): { path: string; text: string | undefined; problems: TermbaseProblem[] }[] {
    return [...this.configs.entries()].map(([file, state]) => ({ path: file, text: state.text, problems: state.loaded.problems }));
  }
}

export interface DocumentSetup {
  kind: DocumentKind;
  /** Analysis options without cancellation; `optionsKey` identifies them. */
  options: AnalyzeOptions;
  optionsKey: string;
  /** Termbase files in merge order (the bundled one first unless disabled). */
  termbasePaths: string[];
  compiled: CompiledTermbase;
  configFile?: string;
  /** The workspace folder that holds the document, if any. */
  folder?: string;
}

/** Resolves a path written in the settings: `~/…`, `${workspaceFolder}`, absolute, or relative to the workspace folder. */
export function resolveSettingPath(written: string, base: string | undefined): string {
  let value = written.replace(/\$\{workspaceFolder\}/g, base ?? '.');
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) value = path.join(os.homedir(), value.slice(1));
  return path.isAbsolute(value) ? path.normalize(value) : path.resolve(base ?? process.cwd(), value);
}

/** The workspace folder (longest match) that contains a path. */
export function folderOf(file: string | undefined, folders: readonly string[]): string | undefined {
  if (!file) return folders.length === 1 ? folders[0] : undefined;
  let best: string | undefined;
  for (const folder of folders) {
    const relative = path.relative(folder, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (!best || folder.length > best.length) best = folder;
  }
  return best;
}

export function resolveSetup(
  uri: string,
  languageId: string,
  settings: BriefLintSettings,
  folders: readonly string[],
  configs: ConfigStore,
  termbases: TermbaseStore,
): DocumentSetup {
  const file = fsPathOf(uri);
  const folder = folderOf(file, folders);
  const searchFrom = file ? path.dirname(file) : folder;
  const configFile = searchFrom ? configs.find(searchFrom) : undefined;
  const config = configFile ? configs.load(configFile) : undefined;

  const base = folder ?? (file ? path.dirname(file) : undefined);
  const paths: string[] = [];
  if (settings.bundledTermbase && (config?.config.bundledTermbase ?? true)) paths.push(bundledTermbasePath());
  for (const written of settings.termbases) paths.push(resolveSettingPath(written, base));
  for (const resolved of config?.termbasePaths ?? []) paths.push(resolved);
  const termbasePaths = [...new Set(paths)];

  const kind: DocumentKind = ['markdown', 'quarto', 'rmd', 'mdx'].includes(languageId) ? 'markdown' : languageId === 'plaintext' ? 'plaintext' : documentKindOf(file ?? uri);
  const rules = { ...settings.rules, ...(config?.config.rules ?? {}) };
  const acronymAllowList = [...new Set([...(config?.config.acronymAllowList ?? DEFAULT_ACRONYM_ALLOW_LIST), ...settings.acronyms.allow])];
  const options: AnalyzeOptions = { kind, rules, acronymAllowList };
  return {
    kind,
    options,
    optionsKey: JSON.stringify([kind, rules, acronymAllowList]),
    termbasePaths,
    compiled: termbases.compiledFor(termbasePaths),
    ...(configFile ? { configFile } : {}),
    ...(folder ? { folder } : {}),
  };
}

/**
 * Termbase files as the server sees them: read once, re-read when they change,
 * compiled once per version of the set a document uses, and shared by every
 * document that uses the same set.
 *
 * A file with errors (it cannot be read, is not valid JSON/XML, or has an
 * entry-level error) does not replace the last version that loaded without
 * errors: that one stays in force, and the problems of the file on disk are
 * shown on the file. Warnings never block a reload.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import {
  compileTermbase,
  loadTermbaseText,
  mergeTermbases,
  type CompiledTermbase,
  type TermbaseFile,
  type TermbaseProblem,
} from '../engine/index';

interface FileState {
  path: string;
  /** A digest of the text last read, to tell a change; undefined when the file could not be read. */
  digest: string | undefined;
  /** The text last read, kept only while it has problems to place (a 10,000-concept file is megabytes). */
  text: string | undefined;
  /** What the file on disk holds now, problems included. */
  current: TermbaseFile;
  /** The last version without errors. */
  lastGood: TermbaseFile | undefined;
  /** Bumps whenever the version in force changes. */
  version: number;
}

export interface TermbaseFileStatus {
  path: string;
  text: string | undefined;
  /** Problems of the file on disk, plus merge conflicts it introduced. */
  problems: TermbaseProblem[];
  /** True when the file on disk has errors and an earlier version stays in force. */
  isKeepingLastGood: boolean;
  conceptsInForce: number;
}

function hasErrors(file: TermbaseFile): boolean {
  return file.isUnusable === true || file.problems.some((p) => p.severity === 'error');
}

function digestOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : createHash('sha1').update(text).digest('base64');
}

function readText(path: string): string | undefined {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function unreadable(path: string): TermbaseFile {
  let cause = 'file not found';
  try {
    if (fs.statSync(path).isDirectory()) cause = 'is a directory';
    else cause = 'cannot be read';
  } catch {
    // keep "file not found"
  }
  return { file: path, concepts: [], problems: [{ file: path, line: 1, column: 1, severity: 'error', message: `cannot read termbase: ${cause}` }], isUnusable: true };
}

interface CompiledEntry {
  versions: string;
  compiled: CompiledTermbase;
  /** Merge conflicts only (file problems are kept per file). */
  mergeProblems: TermbaseProblem[];
}

export class TermbaseStore {
  private readonly files = new Map<string, FileState>();
  private readonly compiledSets = new Map<string, CompiledEntry>();
  /** Bumps whenever a file is read or a set compiled: what `statuses()` reports may have changed. */
  generation = 0;

  private state(path: string): FileState {
    let state = this.files.get(path);
    if (!state) {
      const text = readText(path);
      const current = text === undefined ? unreadable(path) : loadTermbaseText(text, path);
      state = { path, digest: digestOf(text), text: current.problems.length > 0 ? text : undefined, current, lastGood: hasErrors(current) ? undefined : current, version: 0 };
      this.files.set(path, state);
      this.generation++;
    }
    return state;
  }

  /** The version of the file that checks use. */
  private inForce(state: FileState): TermbaseFile {
    return hasErrors(state.current) && state.lastGood ? state.lastGood : state.current;
  }

  /**
   * Re-reads a file the store knows. Returns true when anything visible
   * changed (the version in force or the problems to show).
   */
  reload(path: string): boolean {
    const state = this.files.get(path);
    if (!state) return false;
    const text = readText(path);
    const digest = digestOf(text);
    if (digest === state.digest) return false;
    const before = this.inForce(state);
    state.digest = digest;
    state.current = text === undefined ? unreadable(path) : loadTermbaseText(text, path);
    state.text = state.current.problems.length > 0 ? text : undefined;
    if (!hasErrors(state.current)) state.lastGood = state.current;
    if (this.inForce(state) !== before) state.version++;
    this.generation++;
    return true;
  }

  isKnown(path: string): boolean {
    return this.files.has(path);
  }

  knownFiles(): string[] {
    return [...this.files.keys()];
  }

  /** The merged, compiled termbase of a list of files, compiled once per version of each. */
  compiledFor(paths: readonly string[]): CompiledTermbase {
    return this.entryFor(paths).compiled;
  }

  private entryFor(paths: readonly string[]): CompiledEntry {
    const key = paths.join('\n');
    const states = paths.map((p) => this.state(p));
    const versions = states.map((s) => s.version).join(',');
    const cached = this.compiledSets.get(key);
    if (cached && cached.versions === versions) return cached;
    const files = states.map((s) => this.inForce(s));
    const fileProblems = new Set(files.flatMap((f) => f.problems));
    const termbase = mergeTermbases(files);
    const entry: CompiledEntry = {
      versions,
      compiled: compileTermbase(termbase),
      mergeProblems: termbase.problems.filter((p) => !fileProblems.has(p)),
    };
    this.compiledSets.set(key, entry);
    this.generation++;
    return entry;
  }

  /** What to show on each known termbase file. */
  statuses(): TermbaseFileStatus[] {
    const mergeProblems = new Map<string, TermbaseProblem[]>();
    for (const entry of this.compiledSets.values()) {
      for (const problem of entry.mergeProblems) {
        const list = mergeProblems.get(problem.file) ?? [];
        list.push(problem);
        mergeProblems.set(problem.file, list);
      }
    }
    return [...this.files.values()].map((state) => {
      const isKeepingLastGood = hasErrors(state.current) && state.lastGood !== undefined;
      const problems = [...state.current.problems, ...(isKeepingLastGood ? [] : mergeProblems.get(state.path) ?? [])];
      // A file whose only problems are merge conflicts is read again to place them (it was read without problems).
      if (problems.length > 0 && state.text === undefined && state.digest !== undefined) {
        const text = readText(state.path);
        if (digestOf(text) === state.digest) state.text = text;
      }
      return {
        path: state.path,
        text: state.text,
        problems,
        isKeepingLastGood,
        conceptsInForce: this.inForce(state).concepts.length,
      };
    });
  }
}

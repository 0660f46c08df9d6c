/**
 * term/workspace-inconsistent: a concept rendered one way in one brief and
 * another way in another brief of the same workspace folder. Briefs in a
 * series must agree.
 *
 * Each brief's rendering of a concept is its first English rendering outside
 * the notes list (deprecated forms, acronyms and hanzi are other rules'
 * business, as in term/inconsistent). The briefs compared are the open
 * documents plus the folder's *.md, *.qmd and *.txt files, read once in the
 * background and again when they change, at most MAX_FILES files of at most
 * MAX_FILE_BYTES each. Bad → good: one brief says "modern industrial system",
 * the others "modern industrial base": the first is reported, pointing at the
 * others, with a fix that adopts their rendering throughout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver';
import { formKey, parseDocument, scanTerms, documentKindOf, type Analysis, type CompiledTermbase, type Finding, type Severity, type TermMatch } from '../engine/index';
import type { BriefDocument } from '../engine/document/model';
import { adaptReplacement, isEnglishRendering } from '../engine/checks/termText';
import { findSuppressions } from '../engine/suppressions';

export const WORKSPACE_RULE = 'term/workspace-inconsistent';
export const WORKSPACE_RULE_META = {
  id: WORKSPACE_RULE,
  description: 'A concept rendered one way in one brief and another way in another brief of the same workspace.',
  defaultSeverity: 'information' as const,
};

export const MAX_FILES = 300;
export const MAX_FILE_BYTES = 1024 * 1024;
const BRIEF_EXTENSIONS = new Set(['.md', '.qmd', '.txt']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'out', 'build', '_site', '_freeze', 'site-packages', 'venv']);
const MAX_DEPTH = 8;

export function isBriefFile(file: string): boolean {
  return BRIEF_EXTENSIONS.has(path.extname(file).toLowerCase());
}

/** A brief the folder listing would include: not hidden, not in a skipped folder, not too deep. */
function isListed(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  const folders = relative.split(path.sep).slice(0, -1);
  return folders.length <= MAX_DEPTH && !folders.some((f) => f.startsWith('.') || SKIPPED_FOLDERS.has(f)) && !path.basename(file).startsWith('.');
}

/** A concept's first rendering in one brief. */
interface Rendering {
  key: string;
  form: string;
  line: number;
  character: number;
  endCharacter: number;
}

type Renderings = Map<string, Rendering>;

function renderingsOf(document: BriefDocument, matches: readonly TermMatch[], compiled: CompiledTermbase): Renderings {
  const result: Renderings = new Map();
  for (const match of matches) {
    if (!isEnglishRendering(match) || document.runs[match.run]?.isInNotes) continue;
    const concept = compiled.concepts[match.concept];
    if (!concept || result.has(concept.id)) continue;
    const start = document.lines.positionAt(match.start);
    const end = document.lines.positionAt(match.end);
    result.set(concept.id, { key: formKey(match.form.text), form: match.form.text, line: start.line, character: start.character, endCharacter: end.line === start.line ? end.character : start.character + 1 });
  }
  return result;
}

/** An open document, as the server holds it. */
export interface OpenBrief {
  path: string;
  uri: string;
  analysis: Analysis;
  compiled: CompiledTermbase;
}

interface FileScan {
  /** The file's change count when it was read (see `fileChanged`). */
  version: number;
  renderings: Renderings;
}

export interface WorkspaceFinding extends Finding {
  relatedElsewhere: DiagnosticRelatedInformation[];
}

export class WorkspaceConsistency {
  /** Brief files per workspace folder (undefined while being listed). */
  private readonly listings = new Map<string, Set<string> | undefined>();
  private readonly scans = new WeakMap<CompiledTermbase, Map<string, FileScan>>();
  private readonly queue: { folder: string; file: string; compiled: CompiledTermbase }[] = [];
  private isDraining = false;
  /** Change count per file, bumped by `fileChanged`: a scan made at an older count is read again. */
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly log: (message: string) => void,
    /** Called when files of a folder were (re)read: open briefs there need their findings again. */
    private readonly onFolderChanged: (folder: string) => void,
  ) {}

  private scansFor(compiled: CompiledTermbase): Map<string, FileScan> {
    let map = this.scans.get(compiled);
    if (!map) {
      map = new Map();
      this.scans.set(compiled, map);
    }
    return map;
  }

  /** Lists the folder's briefs once (in the background) and queues the ones not yet read with this termbase. */
  private ensureIndexed(folder: string, compiled: CompiledTermbase, openPaths: ReadonlySet<string>): void {
    if (!this.listings.has(folder)) {
      this.listings.set(folder, undefined);
      void this.list(folder)
        .catch((error: unknown) => {
          this.log(`workspace consistency: cannot list ${folder}: ${(error as Error).stack ?? String(error)}`);
          return new Set<string>();
        })
        .then((files) => {
          this.listings.set(folder, files);
          this.log(`workspace consistency: ${files.size} brief${files.size === 1 ? '' : 's'} in ${folder}`);
          this.onFolderChanged(folder);
        });
      return;
    }
    const files = this.listings.get(folder);
    if (!files) return;
    const scans = this.scansFor(compiled);
    for (const file of files) {
      const version = this.versions.get(file) ?? 0;
      if (openPaths.has(file) || scans.get(file)?.version === version) continue;
      if (this.queue.some((q) => q.file === file && q.compiled === compiled)) continue;
      this.queue.push({ folder, file, compiled });
    }
    this.drain();
  }

  private async list(folder: string): Promise<Set<string>> {
    const found = new Set<string>();
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (found.size >= MAX_FILES || depth > MAX_DEPTH) return;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (found.size >= MAX_FILES) return;
        if (entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, depth + 1);
        } else if (entry.isFile() && isBriefFile(entry.name)) {
          found.add(full);
        }
      }
    };
    await walk(folder, 0);
    return found;
  }

  /** Reads queued files one at a time, yielding between them so that requests are answered meanwhile. */
  private drain(): void {
    if (this.isDraining || this.queue.length === 0) return;
    this.isDraining = true;
    const touched = new Set<string>();
    const step = () => {
      const next = this.queue.shift();
      if (!next) {
        this.isDraining = false;
        for (const folder of touched) this.onFolderChanged(folder);
        return;
      }
      const version = this.versions.get(next.file) ?? 0;
      let renderings: Renderings = new Map();
      try {
        renderings = this.scanFile(next.file, next.compiled);
      } catch (error) {
        // Unreadable or vanished: counted as a brief with no renderings until it changes again.
        this.log(`workspace consistency: cannot read ${next.file}: ${(error as Error).message}`);
      }
      this.scansFor(next.compiled).set(next.file, { version, renderings });
      touched.add(next.folder);
      setImmediate(step);
    };
    setImmediate(step);
  }

  private scanFile(file: string, compiled: CompiledTermbase): Renderings {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return new Map();
    let text = fs.readFileSync(file, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const document = parseDocument(text, documentKindOf(file));
    return renderingsOf(document, scanTerms(document, compiled).matches, compiled);
  }

  /** A brief file was created, changed or deleted on disk (or closed in the editor). */
  fileChanged(file: string, isDeleted: boolean): void {
    if (!isBriefFile(file)) return;
    this.versions.set(file, (this.versions.get(file) ?? 0) + 1);
    for (const [folder, files] of this.listings) {
      if (!files || !isListed(folder, file)) continue;
      if (isDeleted) files.delete(file);
      else if (files.size < MAX_FILES) files.add(file);
      this.onFolderChanged(folder);
    }
  }

  /** Renderings of every brief of the folder except `self`, under `compiled`. */
  private othersOf(self: OpenBrief, folder: string, open: readonly OpenBrief[]): { path: string; uri: string; renderings: Renderings }[] {
    const openPaths = new Set(open.map((b) => b.path));
    const scans = this.scansFor(self.compiled);
    this.ensureIndexed(folder, self.compiled, openPaths);
    const others: { path: string; uri: string; renderings: Renderings }[] = [];
    for (const brief of open) {
      if (brief.path === self.path) continue;
      const matches = brief.compiled === self.compiled ? brief.analysis.context.terms.matches : scanTerms(brief.analysis.document, self.compiled).matches;
      others.push({ path: brief.path, uri: brief.uri, renderings: renderingsOf(brief.analysis.document, matches, self.compiled) });
    }
    for (const file of this.listings.get(folder) ?? []) {
      if (openPaths.has(file)) continue;
      const scan = scans.get(file);
      if (scan) others.push({ path: file, uri: pathToFileURL(file).href, renderings: scan.renderings });
    }
    return others;
  }

  /** A signature of a brief's renderings, to tell whether other briefs need their findings again. */
  signature(brief: OpenBrief): string {
    const renderings = renderingsOf(brief.analysis.document, brief.analysis.context.terms.matches, brief.compiled);
    return [...renderings].map(([id, r]) => `${id}=${r.key}`).sort().join('|');
  }

  findingsFor(self: OpenBrief, folder: string, open: readonly OpenBrief[], severity: Severity): WorkspaceFinding[] {
    const others = this.othersOf(self, folder, open);
    if (others.length === 0) return [];
    const { document } = self.analysis;
    const mine = renderingsOf(document, self.analysis.context.terms.matches, self.compiled);
    const suppressions = findSuppressions(document.text, document.lines, document.kind === 'plaintext');
    const findings: WorkspaceFinding[] = [];
    for (const [conceptId, rendering] of mine) {
      const differing = others
        .map((other) => ({ other, theirs: other.renderings.get(conceptId) }))
        .filter((x): x is { other: (typeof others)[number]; theirs: Rendering } => x.theirs !== undefined && x.theirs.key !== rendering.key);
      if (differing.length === 0) continue;
      const start = document.lines.offsetAt({ line: rendering.line, character: rendering.character });
      const end = document.lines.offsetAt({ line: rendering.line, character: rendering.endCharacter });
      if (suppressions.isSuppressed(WORKSPACE_RULE, start)) continue;
      const first = differing[0]!;
      const name = (file: string) => path.relative(folder, file) || path.basename(file);
      const more = differing.length > 1 ? ` and ${differing.length - 1} other brief${differing.length > 2 ? 's' : ''}` : '';
      const written = document.text.slice(start, end);
      const agreed = new Set(differing.map((d) => d.theirs.key)).size === 1 ? first.theirs.form : undefined;
      const concept = self.compiled.concepts.find((c) => c.id === conceptId);
      findings.push({
        rule: WORKSPACE_RULE,
        severity,
        message: `"${written}" renders the same concept as "${first.theirs.form}" in ${name(first.other.path)} (line ${first.theirs.line + 1})${more}; briefs in a series should agree`,
        start,
        end,
        relatedElsewhere: differing.map(({ other, theirs }) => ({
          location: { uri: other.uri, range: { start: { line: theirs.line, character: theirs.character }, end: { line: theirs.line, character: theirs.endCharacter } } },
          message: `rendered here as "${theirs.form}"`,
        })),
        fixes: agreed ? [this.adoptFix(self, conceptId, rendering.key, agreed, concept?.caseSensitive)] : [],
        data: { concept: conceptId, other: first.theirs.form },
      });
    }
    return findings;
  }

  /** Replaces every rendering of the concept that uses this brief's form with the other briefs' form. */
  private adoptFix(self: OpenBrief, conceptId: string, key: string, form: string, isCaseSensitive: boolean | undefined) {
    const { text } = self.analysis.document;
    const edits = self.analysis.context.terms.matches
      .filter((m) => m.isContiguous && isEnglishRendering(m) && self.compiled.concepts[m.concept]?.id === conceptId && formKey(m.form.text) === key)
      .map((m) => ({ start: m.start, end: m.end, newText: adaptReplacement(text.slice(m.start, m.end), form, m.pluralSuffix, isCaseSensitive) }));
    return { title: `Use "${form}" throughout this brief, as the other briefs do`, edits };
  }
}

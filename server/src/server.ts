/**
 * The BriefLint language server: wiring only. Every handler takes the
 * document, the one cached analysis of its (uri, version, settings, termbase),
 * and maps it with a module under lsp/. Runs over IPC (VS Code) or --stdio.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Diagnostic,
  type InitializeResult,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { severityFor, type Analysis, type CompiledTermbase, type Finding } from './engine/index';
import { CONFIG_FILE_NAME } from './engine/config';
import { noteIndex } from './engine/checks/footnotes/index';
import { IncrementalAnalyzer } from './engine/incremental';
import { readDocumentFile, writeFileAtomic } from './node/files';
import { addConceptToTermbaseText, chooseWorkspaceTermbase, registerTermbaseInConfigText } from './lsp/addTerm';
import { FIX_ALL_KIND, RENUMBER_KIND, codeActions, workspaceEditFor } from './lsp/codeActions';
import { completionList, resolveCompletion, wordBefore, type CompletionData } from './lsp/completion';
import { definitionAt } from './lsp/definition';
import { SOURCE, problemDiagnostics, toDiagnostic } from './lsp/diagnostics';
import { FileWatcher } from './lsp/fileWatch';
import { markdownCard, plainCard } from './lsp/glossaryCard';
import { Reporter, guard, guardNotification } from './lsp/guard';
import { hoverAt } from './lsp/hover';
import {
  COMMANDS,
  STATUS_NOTIFICATION,
  TERMBASE_REQUEST,
  TERM_CARD_REQUEST,
  type AddTermArgs,
  type AddTermResult,
  type InitializationOptions,
  type RenumberArgs,
  type StatusParams,
  type TermCardParams,
  type TermCardResult,
  type TermbaseParams,
  type TermbaseResult,
} from './lsp/protocol';
import { checkSettings, type BriefLintSettings } from './lsp/settings';
import { ConfigStore, folderOf, fsPathOf, resolveSettingPath, resolveSetup, type DocumentSetup } from './lsp/setup';
import { documentSymbols } from './lsp/symbols';
import { TermbaseStore } from './lsp/termbaseStore';
import { WORKSPACE_RULE_META, WorkspaceConsistency, isBriefFile, type OpenBrief } from './lsp/workspaceConsistency';

/** Quiet time after the last keystroke before an onType check. */
const ON_TYPE_DELAY_MS = 300;
/** Quiet time before re-checking the other briefs of a folder. */
const FOLDER_DELAY_MS = 150;
const SLOW_ANALYSIS_MS = 250;

// createConnection picks the transport from argv (--node-ipc, --stdio, --socket=, --pipe=); plain `node server.js` means stdio.
if (!process.argv.some((arg) => /^--(?:node-ipc|stdio|socket|pipe)/.test(arg))) process.argv.push('--stdio');

const connection = createConnection();
const documents = new TextDocuments(TextDocument);
const reporter = new Reporter(connection);
const termbases = new TermbaseStore();
const configs = new ConfigStore();

let folders: string[] = [];
let hasConfigurationCapability = false;
let isDocumentChangesSupported = false;
let isBriefLintClient = false;
/** The client watches files for us (`workspace/didChangeWatchedFiles` registered dynamically). */
let canWatchFiles = false;
/** The client sends workspace-folder changes; registering the handler for a client that cannot fails on its side. */
let hasWorkspaceFolderCapability = false;
let pushedSettings: unknown;

// ---------------------------------------------------------------------------
// Settings, pulled per document and cached until the configuration changes.

const settingsCache = new Map<string, Promise<BriefLintSettings>>();

async function fetchSettings(uri: string): Promise<BriefLintSettings> {
  let raw: unknown = pushedSettings;
  if (hasConfigurationCapability) {
    try {
      raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'brieflint' });
    } catch (error) {
      reporter.warn(`workspace/configuration failed for ${uri}: ${(error as Error).message}; using the defaults`);
      raw = undefined;
    }
  }
  const { settings, warnings } = checkSettings(raw);
  for (const warning of warnings) reporter.warnOnce(warning);
  return settings;
}

function settingsFor(uri: string): Promise<BriefLintSettings> {
  let settings = settingsCache.get(uri);
  if (!settings) {
    settings = fetchSettings(uri);
    settingsCache.set(uri, settings);
  }
  return settings;
}

// ---------------------------------------------------------------------------
// One analysis per (uri, version, options, termbase), read by every feature.

interface CachedAnalysis {
  version: number;
  optionsKey: string;
  compiled: CompiledTermbase;
  analysis: Analysis;
  path?: string;
  folder?: string;
}

const analyses = new Map<string, CachedAnalysis>();
/** Per open document: re-parses only the blocks an edit touched. */
const analyzers = new Map<string, IncrementalAnalyzer>();

function analysisOf(document: TextDocument, setup: DocumentSetup): Analysis {
  const cached = analyses.get(document.uri);
  if (cached && cached.version === document.version && cached.optionsKey === setup.optionsKey && cached.compiled === setup.compiled) {
    return cached.analysis;
  }
  let analyzer = analyzers.get(document.uri);
  if (!analyzer) {
    analyzer = new IncrementalAnalyzer();
    analyzers.set(document.uri, analyzer);
  }
  const started = performance.now();
  const analysis = analyzer.analyze(document.getText(), setup.options, setup.compiled);
  const elapsed = performance.now() - started;
  if (elapsed > SLOW_ANALYSIS_MS) {
    const { blocks, parsedBlocks, timings } = analyzer.stats;
    const ms = (n: number) => `${Math.round(n)} ms`;
    reporter.info(
      `analysed ${document.uri} (${document.getText().length} characters) in ${ms(elapsed)}: ${parsedBlocks} of ${blocks} blocks parsed; parse ${ms(timings.parse)}, scan ${ms(timings.scan)}, checks ${ms(timings.checks)}`,
    );
  }
  const file = fsPathOf(document.uri);
  analyses.set(document.uri, {
    version: document.version,
    optionsKey: setup.optionsKey,
    compiled: setup.compiled,
    analysis,
    ...(file ? { path: file } : {}),
    ...(setup.folder ? { folder: setup.folder } : {}),
  });
  return analysis;
}

interface DocumentContext {
  document: TextDocument;
  settings: BriefLintSettings;
  setup: DocumentSetup;
  analysis: () => Analysis;
}

const watcher = new FileWatcher(
  (file) => {
    try {
      fileChanged(file, false);
    } catch (error) {
      reporter.error(`reloading ${file}`, error);
    }
  },
  (message) => reporter.info(message),
);

async function contextFor(uri: string): Promise<DocumentContext | undefined> {
  if (!documents.get(uri)) return undefined;
  const settings = await settingsFor(uri);
  const document = documents.get(uri);
  if (!document) return undefined;
  const setup = resolveSetup(uri, document.languageId, settings, folders, configs, termbases);
  const file = fsPathOf(uri);
  const candidates = [...setup.termbasePaths, ...(setup.configFile ? [setup.configFile] : [])];
  if (file) candidates.push(path.join(path.dirname(file), CONFIG_FILE_NAME));
  if (setup.folder) candidates.push(path.join(setup.folder, CONFIG_FILE_NAME));
  watcher.watch(candidates);
  return { document, settings, setup, analysis: () => analysisOf(document, setup) };
}

// ---------------------------------------------------------------------------
// Workspace consistency across the briefs of a folder.

const consistency = new WorkspaceConsistency(
  (message) => reporter.info(message),
  (folder) => scheduleFolder(folder),
);
const signatures = new Map<string, string>();
const folderTimers = new Map<string, NodeJS.Timeout>();

function scheduleFolder(folder: string, except?: string): void {
  clearTimeout(folderTimers.get(folder));
  folderTimers.set(
    folder,
    setTimeout(() => {
      folderTimers.delete(folder);
      for (const document of documents.all()) {
        if (document.uri !== except && analyses.get(document.uri)?.folder === folder) void validate(document.uri);
      }
    }, FOLDER_DELAY_MS),
  );
}

function openBriefsIn(folder: string): OpenBrief[] {
  const briefs: OpenBrief[] = [];
  for (const [uri, cached] of analyses) {
    if (cached.folder === folder && cached.path && documents.get(uri)) {
      briefs.push({ uri, path: cached.path, analysis: cached.analysis, compiled: cached.compiled });
    }
  }
  return briefs;
}

function workspaceFindings(context: DocumentContext): ReturnType<WorkspaceConsistency['findingsFor']> {
  const { setup, settings, document } = context;
  const severity = severityFor(WORKSPACE_RULE_META, setup.options.rules);
  const file = fsPathOf(document.uri);
  if (!settings.workspaceConsistency || severity === 'off' || !setup.folder || !file) return [];
  const self: OpenBrief = { uri: document.uri, path: file, analysis: context.analysis(), compiled: setup.compiled };
  const findings = consistency.findingsFor(self, setup.folder, openBriefsIn(setup.folder), severity);
  const signature = consistency.signature(self);
  if (signatures.get(document.uri) !== signature) {
    const isFirst = !signatures.has(document.uri);
    signatures.set(document.uri, signature);
    if (!isFirst || openBriefsIn(setup.folder).length > 1) scheduleFolder(setup.folder, document.uri);
  }
  return findings;
}

// ---------------------------------------------------------------------------
// Diagnostics: on open and save, and as you type when `run` is onType.

const timers = new Map<string, NodeJS.Timeout>();
const runs = new Map<string, number>();

function scheduleValidation(uri: string, delay: number): void {
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, delay),
  );
}

async function validate(uri: string): Promise<void> {
  const run = (runs.get(uri) ?? 0) + 1;
  runs.set(uri, run);
  try {
    const context = await contextFor(uri);
    // A newer check of the same document started while this one waited: it wins.
    if (!context || runs.get(uri) !== run) return;
    const { document, setup } = context;
    const analysis = context.analysis();
    const extra = workspaceFindings(context);
    const { lines } = analysis.document;
    const diagnostics = [...analysis.findings, ...extra].map((finding) => toDiagnostic(finding, lines, uri, document.version));
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    if (isBriefLintClient) {
      const status: StatusParams = { uri, concepts: setup.compiled.concepts.length, termbaseFiles: setup.termbasePaths, findings: diagnostics.length };
      void connection.sendNotification(STATUS_NOTIFICATION, status);
    }
    publishFileProblems();
  } catch (error) {
    reporter.error(`checking ${uri}`, error);
  }
}

function revalidateAll(): void {
  for (const document of documents.all()) void validate(document.uri);
}

// ---------------------------------------------------------------------------
// Termbase and config files: problems shown on the files themselves.

const filesWithProblems = new Set<string>();
let lastFileProblems = '';
let publishedGeneration = '';

function publishFileProblems(): void {
  const generation = `${termbases.generation}:${configs.generation}`;
  if (generation === publishedGeneration) return;
  publishedGeneration = generation;
  const next = new Map<string, Diagnostic[]>();
  for (const status of termbases.statuses()) {
    const diagnostics = problemDiagnostics(status.problems, status.text);
    if (status.isKeepingLastGood) {
      diagnostics.unshift({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        message: `this termbase has errors: BriefLint keeps using the last version that loaded without errors (${status.conceptsInForce} concepts) until they are fixed`,
      });
    }
    if (diagnostics.length > 0) next.set(status.path, diagnostics);
  }
  for (const status of configs.statuses()) {
    const diagnostics = problemDiagnostics(status.problems, status.text);
    if (diagnostics.length > 0) next.set(status.path, diagnostics);
  }
  const signature = JSON.stringify([...next]);
  if (signature === lastFileProblems) return;
  lastFileProblems = signature;
  for (const file of filesWithProblems) {
    if (!next.has(file)) void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [] });
  }
  filesWithProblems.clear();
  for (const [file, diagnostics] of next) {
    filesWithProblems.add(file);
    void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics });
  }
}

function fileChanged(file: string, isDeleted: boolean): void {
  let isSetupChanged = false;
  if (termbases.isKnown(file) && termbases.reload(file)) {
    reporter.info(`termbase changed: ${file}`);
    isSetupChanged = true;
  }
  if (path.basename(file) === CONFIG_FILE_NAME) {
    configs.forgetLocations();
    configs.reload(file);
    isSetupChanged = true;
  }
  if (isSetupChanged) {
    publishFileProblems();
    revalidateAll();
  }
  const isOpen = documents.all().some((d) => fsPathOf(d.uri) === file);
  if (isBriefFile(file) && !isOpen) consistency.fileChanged(file, isDeleted);
}

// ---------------------------------------------------------------------------
// Commands: add a term to the workspace termbase, renumber notes.

interface FileText {
  text: string | undefined;
  open?: TextDocument;
}

function currentText(file: string): FileText {
  const open = documents.all().find((d) => fsPathOf(d.uri) === file);
  if (open) return { text: open.getText(), open };
  try {
    return { text: readDocumentFile(file).text };
  } catch {
    return { text: undefined };
  }
}

/** Writes through the editor when the file is open there (keeps unsaved edits, undoable), else atomically on disk. */
async function writeText(file: string, current: FileText, text: string): Promise<void> {
  if (current.open) {
    const whole = { start: { line: 0, character: 0 }, end: current.open.positionAt(current.open.getText().length) };
    const result = await connection.workspace.applyEdit({ label: 'BriefLint: add term', edit: workspaceEditFor(current.open, [{ range: whole, newText: text }], isDocumentChangesSupported) });
    if (!result.applied) throw new Error(`the editor refused the edit to ${file}${result.failureReason ? `: ${result.failureReason}` : ''}`);
    return;
  }
  writeFileAtomic(file, text, current.text ?? '');
}

function isAddTermArgs(value: unknown): value is AddTermArgs {
  const v = value as Partial<AddTermArgs> | undefined;
  return !!v && typeof v.uri === 'string' && typeof v.zh === 'string' && v.zh.trim() !== '' && (v.en === undefined || typeof v.en === 'string');
}

async function addTerm(args: unknown): Promise<AddTermResult> {
  if (!isAddTermArgs(args)) return { error: 'addTerm needs { uri, zh, en }' };
  if (!args.en?.trim()) return { error: `give the English for ${args.zh}` };
  const file = fsPathOf(args.uri);
  const settings = await settingsFor(args.uri);
  const folder = folderOf(file, folders) ?? (file ? path.dirname(file) : folders[0]);
  if (!folder) return { error: 'open a folder first: the workspace termbase lives in the workspace' };
  const document = documents.get(args.uri);
  const setup = resolveSetup(args.uri, document?.languageId ?? 'markdown', settings, folders, configs, termbases);
  const config = setup.configFile ? configs.load(setup.configFile) : undefined;
  const target = chooseWorkspaceTermbase({
    folder,
    ...(setup.configFile ? { configFile: setup.configFile } : {}),
    configTermbases: config?.termbasePaths ?? [],
    settingTermbases: settings.termbases.map((t) => resolveSettingPath(t, folder)),
  });
  const current = currentText(target.file);
  const shown = path.relative(folder, target.file) || target.file;
  let outcome: ReturnType<typeof addConceptToTermbaseText>;
  try {
    outcome = addConceptToTermbaseText(current.text, {
      zh: args.zh,
      en: args.en,
      ...(args.pinyin ? { pinyin: args.pinyin } : {}),
      ...(args.definition ? { definition: args.definition } : {}),
      ...(file ? { source: path.relative(folder, file).split(path.sep).join('/') } : {}),
    });
    if (outcome.isAlreadyPresent) {
      void connection.window.showInformationMessage(`BriefLint: ${args.zh} is already in ${shown} (concept "${outcome.id}").`);
      return { file: target.file, id: outcome.id, isAlreadyPresent: true };
    }
    await writeText(target.file, current, outcome.text);
    if (target.registerIn) {
      const config = currentText(target.registerIn);
      const updated = registerTermbaseInConfigText(config.text, path.relative(path.dirname(target.registerIn), target.file));
      if (updated !== config.text) await writeText(target.registerIn, config, updated);
    }
  } catch (error) {
    // Our own refusals (broken JSON, a concurrent edit) are the user's to resolve: say so, without a stack.
    const message = `cannot add ${args.zh} to ${shown}: ${(error as Error).message}`;
    reporter.warn(message);
    void connection.window.showWarningMessage(`BriefLint: ${message}`);
    return { file: target.file, error: message };
  }
  reporter.info(`added ${args.zh} ("${args.en}") to ${target.file}`);
  void connection.window.showInformationMessage(`BriefLint: added ${args.zh} ("${args.en}") to ${shown}.`);
  configs.forgetLocations();
  if (target.registerIn) configs.reload(target.registerIn);
  termbases.reload(target.file);
  publishFileProblems();
  revalidateAll();
  return { file: target.file, id: outcome.id, isCreated: current.text === undefined };
}

async function renumberNotes(args: unknown): Promise<{ applied: boolean; reason?: string }> {
  const uri = (args as Partial<RenumberArgs> | undefined)?.uri;
  const context = typeof uri === 'string' ? await contextFor(uri) : undefined;
  if (!context) return { applied: false, reason: 'the document is not open' };
  const fix = noteIndex(context.analysis().context).renumber();
  if (!fix) return { applied: false, reason: 'the notes are already numbered in order of first reference' };
  const { lines } = context.analysis().document;
  const edits = fix.edits.map((e) => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText }));
  const edit: WorkspaceEdit = workspaceEditFor(context.document, edits, isDocumentChangesSupported);
  const result = await connection.workspace.applyEdit({ label: 'BriefLint: renumber notes', edit });
  return { applied: result.applied, ...(result.failureReason ? { reason: result.failureReason } : {}) };
}

// ---------------------------------------------------------------------------
// Lifecycle.

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  hasConfigurationCapability = capabilities.workspace?.configuration === true;
  isDocumentChangesSupported = capabilities.workspace?.workspaceEdit?.documentChanges === true;
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  isBriefLintClient = options.isBriefLintClient === true;
  pushedSettings = options.settings;
  const workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  folders = workspaceFolders.map((f) => fsPathOf(f.uri)).filter((f): f is string => f !== undefined);
  canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  hasWorkspaceFolderCapability = capabilities.workspace?.workspaceFolders === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { resolveProvider: true },
      definitionProvider: true,
      documentSymbolProvider: { label: 'BriefLint' },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, RENUMBER_KIND], resolveProvider: false },
      executeCommandProvider: { commands: [COMMANDS.addTerm, COMMANDS.renumberNotes] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'brieflint' },
  };
});

connection.onInitialized(
  guardNotification(reporter, 'initialized', async () => {
    if (hasConfigurationCapability) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'brieflint' });
    if (canWatchFiles) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,qmd,txt}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
      });
    }
    if (hasWorkspaceFolderCapability) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guardNotification(reporter, 'workspace folders', (event) => {
          const removed = new Set(event.removed.map((f) => fsPathOf(f.uri)));
          folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => fsPathOf(f.uri)).filter((f): f is string => f !== undefined)];
          revalidateAll();
        }),
      );
    }
    reporter.info(`BriefLint server started (${process.argv.includes('--stdio') ? 'stdio' : 'ipc'}); workspace folders: ${folders.join(', ') || 'none'}`);
  }),
);

connection.onDidChangeConfiguration(
  guardNotification(reporter, 'configuration change', (change) => {
    if (!hasConfigurationCapability) pushedSettings = (change.settings as { brieflint?: unknown } | undefined)?.brieflint ?? pushedSettings;
    settingsCache.clear();
    revalidateAll();
  }),
);

connection.onDidChangeWatchedFiles(
  guardNotification(reporter, 'watched files', (params) => {
    for (const change of params.changes) {
      const file = fsPathOf(change.uri);
      if (file) fileChanged(file, change.type === FileChangeType.Deleted);
    }
  }),
);

documents.onDidOpen(guardNotification(reporter, 'open', (event) => void validate(event.document.uri)));

documents.onDidChangeContent(
  guardNotification(reporter, 'change', async (event) => {
    const { uri, version } = event.document;
    if (analyses.get(uri)?.version === version) return;
    const settings = await settingsFor(uri);
    if (settings.run === 'onType') scheduleValidation(uri, ON_TYPE_DELAY_MS);
  }),
);

documents.onDidSave(guardNotification(reporter, 'save', (event) => void validate(event.document.uri)));

documents.onDidClose(
  guardNotification(reporter, 'close', (event) => {
    const { uri } = event.document;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    const folder = analyses.get(uri)?.folder;
    analyses.delete(uri);
    analyzers.delete(uri);
    settingsCache.delete(uri);
    signatures.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    const file = fsPathOf(uri);
    if (file) consistency.fileChanged(file, false);
    if (folder) scheduleFolder(folder);
  }),
);

// ---------------------------------------------------------------------------
// Language features: each reads the cached analysis and maps it.

connection.onHover(
  guard(reporter, 'hover', null, async (params) => {
    const context = await contextFor(params.textDocument.uri);
    if (!context) return null;
    const analysis = context.analysis();
    return hoverAt(analysis, context.setup.compiled, analysis.document.lines.offsetAt(params.position));
  }),
);

connection.onCompletion(
  guard(reporter, 'completion', [], async (params) => {
    const context = await contextFor(params.textDocument.uri);
    if (!context) return [];
    const analysis = context.analysis();
    const offset = analysis.document.lines.offsetAt(params.position);
    if (analysis.document.excluded.some((span) => span.start < offset && offset <= span.end)) return [];
    return completionList(analysis, context.setup.compiled, params.textDocument.uri, wordBefore(analysis.document.text, offset));
  }),
);

connection.onCompletionResolve((item, token) =>
  guard(reporter, 'completion resolve', item, async () => {
    const uri = (item.data as Partial<CompletionData> | undefined)?.uri;
    const context = typeof uri === 'string' ? await contextFor(uri) : undefined;
    return resolveCompletion(item, context?.setup.compiled);
  })(item, token),
);

connection.onDefinition(
  guard(reporter, 'definition', [], async (params) => {
    const context = await contextFor(params.textDocument.uri);
    if (!context) return [];
    const analysis = context.analysis();
    return definitionAt(analysis, params.textDocument.uri, analysis.document.lines.offsetAt(params.position));
  }),
);

connection.onDocumentSymbol(
  guard(reporter, 'document symbols', [], async (params) => {
    const context = await contextFor(params.textDocument.uri);
    return context ? documentSymbols(context.analysis()) : [];
  }),
);

connection.onCodeAction(
  guard(reporter, 'code actions', [], async (params) => {
    const context = await contextFor(params.textDocument.uri);
    if (!context) return [];
    let extra: Finding[] | undefined;
    return codeActions({
      document: context.document,
      params,
      analysis: context.analysis,
      extraFindings: () => (extra ??= workspaceFindings(context)),
      isDocumentChangesSupported,
      hasAddTermPrompt: isBriefLintClient,
    });
  }),
);

connection.onExecuteCommand(
  guard(reporter, 'command', null as unknown, async (params) => {
    switch (params.command) {
      case COMMANDS.addTerm:
        return addTerm(params.arguments?.[0]);
      case COMMANDS.renumberNotes:
        return renumberNotes(params.arguments?.[0]);
      default:
        reporter.warn(`unknown command ${params.command}`);
        return null;
    }
  }),
);

async function setupForRequest(uri: string | undefined): Promise<DocumentSetup | undefined> {
  if (uri && documents.get(uri)) return (await contextFor(uri))?.setup;
  const folder = folders[0];
  const probe = folder ? pathToFileURL(path.join(folder, 'brief.md')).href : 'untitled:brief.md';
  return resolveSetup(probe, 'markdown', await settingsFor(folder ? pathToFileURL(folder).href : probe), folders, configs, termbases);
}

connection.onRequest(
  TERMBASE_REQUEST,
  guard(reporter, 'termbase', { files: [], concepts: [] } as TermbaseResult, async (params: TermbaseParams): Promise<TermbaseResult> => {
    const setup = await setupForRequest(params?.uri);
    if (!setup) return { files: [], concepts: [] };
    return {
      files: setup.termbasePaths,
      concepts: setup.compiled.concepts.map((c, index) => ({
        index,
        id: c.id,
        preferred: c.preferred,
        zh: c.zh,
        ...(c.acronym ? { acronym: c.acronym } : {}),
        ...(c.pinyin ? { pinyin: c.pinyin } : {}),
        ...(c.definition ? { definition: c.definition } : {}),
      })),
    };
  }),
);

connection.onRequest(
  TERM_CARD_REQUEST,
  guard(reporter, 'term card', null as TermCardResult | null, async (params: TermCardParams): Promise<TermCardResult | null> => {
    const setup = await setupForRequest(params?.uri);
    const concept = typeof params?.index === 'number' ? setup?.compiled.concepts[params.index] : undefined;
    return concept ? { markdown: markdownCard(concept), plain: plainCard(concept) } : null;
  }),
);

connection.onShutdown(() => watcher.dispose());

process.on('uncaughtException', (error) => reporter.error('BriefLint server', error));
process.on('unhandledRejection', (error) => reporter.error('BriefLint server', error));

documents.listen(connection);
connection.listen();

/**
 * The BriefLint VS Code client: starts the language server, registers the
 * commands, and shows the termbase size and finding count in the status bar.
 * Everything else happens in the server (dist/server.js), which other editors
 * run with `--stdio`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  COMMANDS,
  SERVER_NODE_OPTIONS,
  STATUS_NOTIFICATION,
  TERMBASE_REQUEST,
  TERM_CARD_REQUEST,
  type AddTermArgs,
  type InitializationOptions,
  type StatusParams,
  type TermCardResult,
  type TermbaseResult,
} from '../../server/src/lsp/protocol';

const DEFAULT_LANGUAGES = ['markdown', 'quarto', 'plaintext'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('BriefLint');
  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = 'brieflint.lookUpTerm';
  const statuses = new Map<string, StatusParams>();
  context.subscriptions.push(output, statusItem);

  const showStatus = () => {
    const status = statuses.get(vscode.window.activeTextEditor?.document.uri.toString() ?? '');
    if (!status) return statusItem.hide();
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    statusItem.text = `$(book) ${plural(status.concepts, 'term')} · ${plural(status.findings, 'finding')}`;
    statusItem.tooltip = `BriefLint: ${plural(status.concepts, 'concept')} from\n${status.termbaseFiles.join('\n')}\n\nClick to look up a term.`;
    statusItem.show();
  };

  const start = async () => {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6011'] } },
    };
    const languages = vscode.workspace.getConfiguration('brieflint').get<string[]>('languages') ?? DEFAULT_LANGUAGES;
    const initializationOptions: InitializationOptions = { isBriefLintClient: true };
    const clientOptions: LanguageClientOptions = {
      documentSelector: languages.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      outputChannel: output,
      initializationOptions,
    };
    client = new LanguageClient('brieflint', 'BriefLint', serverOptions, clientOptions);
    client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
      statuses.set(status.uri, status);
      showStatus();
    });
    await client.start();
  };

  const restart = async () => {
    const old = client;
    client = undefined;
    statuses.clear();
    showStatus();
    await old?.stop();
    await start();
  };

  const activeUri = () => vscode.window.activeTextEditor?.document.uri.toString();

  context.subscriptions.push(
    vscode.commands.registerCommand('brieflint.restartServer', restart),
    vscode.commands.registerCommand('brieflint.showOutput', () => output.show()),
    vscode.commands.registerCommand('brieflint.openBundledTermbase', async () => {
      const document = await vscode.workspace.openTextDocument(context.asAbsolutePath(path.join('terminology', 'brief.json')));
      await vscode.window.showTextDocument(document, { preview: true });
    }),
    vscode.commands.registerCommand('brieflint.renumberNotes', async () => {
      const uri = activeUri();
      if (uri) await vscode.commands.executeCommand(COMMANDS.renumberNotes, { uri });
    }),
    vscode.commands.registerCommand(COMMANDS.clientAddTerm, async (args?: Partial<AddTermArgs>) => {
      const uri = args?.uri ?? activeUri();
      const selection = vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection).trim();
      const zh = args?.zh ?? (await vscode.window.showInputBox({ prompt: 'Chinese term (hanzi)', value: selection ?? '' }));
      if (!uri || !zh) return;
      const en = args?.en ?? (await vscode.window.showInputBox({ prompt: `Preferred English for ${zh}` }));
      if (!en) return;
      await vscode.commands.executeCommand(COMMANDS.addTerm, { uri, zh, en } satisfies AddTermArgs);
    }),
    vscode.commands.registerCommand('brieflint.lookUpTerm', async () => {
      if (!client) return;
      const uri = activeUri();
      const termbase = await client.sendRequest<TermbaseResult>(TERMBASE_REQUEST, { uri });
      const picked = await vscode.window.showQuickPick(
        termbase.concepts.map((c) => ({
          label: c.preferred,
          description: [c.zh.join(', '), c.acronym, c.pinyin].filter(Boolean).join(' · '),
          detail: c.definition,
          index: c.index,
        })),
        { placeHolder: `Look up a term (${termbase.concepts.length} concepts)`, matchOnDescription: true, matchOnDetail: true },
      );
      if (!picked) return;
      const card = await client.sendRequest<TermCardResult | null>(TERM_CARD_REQUEST, { uri, index: picked.index });
      const editor = vscode.window.activeTextEditor;
      const insert = editor ? 'Insert' : undefined;
      const choice = await vscode.window.showInformationMessage(picked.label, { modal: true, detail: card?.plain ?? '' }, ...(insert ? [insert] : []));
      if (choice === insert && editor) await editor.edit((edit) => edit.replace(editor.selection, picked.label));
    }),
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('brieflint.languages')) void restart();
    }),
  );

  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/**
 * The handler boundary: whatever goes wrong inside a handler is logged with
 * its stack, the user sees one message per distinct text, and the request
 * gets an empty answer. The server never goes down because of one request.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver';

export class Reporter {
  private readonly shown = new Set<string>();

  constructor(private readonly connection: Connection) {}

  info(message: string): void {
    this.connection.console.info(message);
  }

  warn(message: string): void {
    this.connection.console.warn(message);
  }

  /** Logs a warning and shows it to the user once per distinct text. */
  warnOnce(message: string): void {
    this.warn(message);
    if (this.shown.has(message)) return;
    this.shown.add(message);
    void this.connection.window.showWarningMessage(`BriefLint: ${message}`);
  }

  error(where: string, error: unknown): void {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.connection.console.error(`${where} failed: ${stack}`);
    const text = `BriefLint: ${where} failed: ${error instanceof Error ? error.message : String(error)}. See the BriefLint output for details.`;
    if (this.shown.has(text)) return;
    this.shown.add(text);
    void this.connection.window.showErrorMessage(text);
  }
}

/** Wraps a request handler: errors and cancellation give `empty`. */
export function guard<P, R>(
  reporter: Reporter,
  where: string,
  empty: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      if (token?.isCancellationRequested) return empty;
      const result = await handler(params, token);
      return token?.isCancellationRequested ? empty : result;
    } catch (error) {
      reporter.error(where, error);
      return empty;
    }
  };
}

/** Wraps a notification handler. */
export function guardNotification<P>(reporter: Reporter, where: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const result = handler(params);
      if (result instanceof Promise) result.catch((error: unknown) => reporter.error(where, error));
    } catch (error) {
      reporter.error(where, error);
    }
  };
}

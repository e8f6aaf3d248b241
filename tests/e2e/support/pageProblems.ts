/**
 * Collects what a person would see go wrong while a test drives the browser: script errors, console errors, and
 * error statuses (400 and above) of the app's own requests. Resource failures are judged by status here, so a test
 * can allow the ones it expects (a refused form answers 400) and ignore other origins (the emulator's favicon).
 */
import type { BrowserContext, Page, Response } from 'playwright-core';

/** What the watcher reports, one line per problem; empty when all went well. */
export type ProblemLog = string[];

/** Options of `watchProblems`. */
export interface WatchOptions {
  /** Origin of the app under test: only its responses are checked. */
  origin: string;
  /** Responses with an error status that the test expects. */
  expected?: (response: Response) => boolean;
}

/** Starts collecting problems of every page of `context`. */
export function watchProblems(context: BrowserContext, options: WatchOptions): ProblemLog {
  const problems: ProblemLog = [];
  const watchPage = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  context.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  context.on('response', (response) => {
    if (response.status() < 400 || new URL(response.url()).origin !== options.origin) return;
    if (options.expected?.(response)) return;
    problems.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  return problems;
}

/**
 * Starts the real service (config -> store -> app) on 127.0.0.1 port 0 with a temp SQLite store, a captured log and
 * a hand-moved clock, plus a small cookie-keeping client, for HTTP tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MountedRouter } from '../../../service/src/app';
import type { CoreServices } from '../../../service/src/composition/core';
import { loadConfig } from '../../../service/src/config';
import type { RunningService } from '../../../service/src/main';
import { startService } from '../../../service/src/main';
import { TestClock } from '../store/testClock';
import { capturedLogger } from '../support/composedService';

export interface TestService extends RunningService {
  clock: TestClock;
  /** Everything logged so far, one JSON line per entry. */
  logText(): string;
  stop(): Promise<void>;
}

/** Starts the service with the given environment overrides and feature routers. */
export async function startTestService(
  options: { env?: NodeJS.ProcessEnv; routers?: (core: CoreServices) => MountedRouter[] } = {},
): Promise<TestService> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'grax-http-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', ...options.env });
  const log = capturedLogger();
  const clock = new TestClock(Date.now());
  const service = await startService({ config, clock, logger: log.logger, routers: options.routers });
  return {
    ...service,
    clock,
    logText: log.text,
    async stop() {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fetch client that keeps cookies like a browser (no redirects followed, so tests see them). */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Posts a urlencoded form. */
  postForm(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** The CSRF token from a page's meta tag. */
  static csrfTokenOf(page: string): string {
    const match = /<meta name="csrf-token" content="([^"]+)"/.exec(page);
    if (!match?.[1]) throw new Error('page has no CSRF token');
    return match[1];
  }
}

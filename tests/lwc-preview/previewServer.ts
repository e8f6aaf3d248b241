// Serves the built preview on 127.0.0.1 and plays Salesforce's part in callouts: requests the page sends to
// /__grax-service/... are forwarded, server to server, to the Named Credential URL the page names in a header.
// Only services on this machine are called; any other host, and any connection failure, is answered with the
// X-Grax-Proxy-Error header, which the page reports as "not reachable", as Salesforce's CalloutException would be.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PROXY_ERROR_HEADER, PROXY_PATH, PROXY_TARGET_HEADER } from './apex/serviceClient';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const FORWARDED_HEADERS = ['authorization', 'x-salesforce-org-id', 'content-type', 'accept'];
const MAX_BODY_BYTES = 64 * 1024;
const UPSTREAM_TIMEOUT_MS = 10_000;

/** A running preview server. */
export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

/** Serves buildDir on 127.0.0.1 at a free port, with the service proxy under /__grax-service. */
export async function startPreviewServer(buildDir: string): Promise<PreviewServer> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const handled = pathname.startsWith(`${PROXY_PATH}/`)
      ? proxy(request, response, pathname.slice(PROXY_PATH.length))
      : Promise.resolve(serveFile(buildDir, pathname, response));
    handled.catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      }
      response.end(`Preview server error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function serveFile(buildDir: string, pathname: string, response: ServerResponse): void {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = path.resolve(buildDir, relative);
  if (!file.startsWith(buildDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(response);
}

async function proxy(request: IncomingMessage, response: ServerResponse, servicePath: string): Promise<void> {
  const base = request.headers[PROXY_TARGET_HEADER.toLowerCase()];
  let target: URL;
  try {
    target = new URL(`${String(base).replace(/\/$/, '')}${servicePath}`);
  } catch {
    failCallout(response, `Invalid URL: ${String(base)}`);
    return;
  }
  if (!LOOPBACK_HOSTS.has(target.hostname)) {
    failCallout(response, `Unknown host: ${target.hostname} (the preview only calls services on 127.0.0.1)`);
    return;
  }
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') {
      headers[name] = value;
    }
  }
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await readBody(request);
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
  } catch (error) {
    failCallout(response, describeFetchError(error));
    return;
  }
  const text = await upstream.text();
  response.writeHead(upstream.status, {
    'Content-Type': upstream.headers.get('content-type') ?? 'text/plain; charset=utf-8',
  });
  response.end(text);
}

function failCallout(response: ServerResponse, detail: string): void {
  response.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', [PROXY_ERROR_HEADER]: detail });
  response.end(detail);
}

// Read by shape, not with instanceof: under Jest the errors fetch throws come from another realm's Error.
function describeFetchError(error: unknown): string {
  const failure = error as { name?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  if (failure?.name === 'TimeoutError') {
    return 'Read timed out';
  }
  const cause = failure?.cause;
  return typeof cause?.code === 'string' ? `${cause.code}: ${String(cause.message ?? '')}`.trim() : String(error);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

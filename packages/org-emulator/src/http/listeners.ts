/**
 * The emulator's HTTP listeners on 127.0.0.1: reads each request, serves the control API under `/__emulator/`,
 * applies latency and injected faults to Salesforce routes, routes the call, counts it, and never lets an exception
 * become a crash: an unexpected error answers Salesforce's UNKNOWN_EXCEPTION and is logged to stderr.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorState } from './emulatorState';
import type { HostRole, IncomingCall } from './core/httpTypes';
import { RequestBody } from './core/requestBody';
import { errorResult, jsonResult, writeResult } from './core/results';
import type { EmulatorControl } from './control/control';
import { handleControl } from './control/controlRoutes';
import { defaultFaultBody } from './control/faultPlan';
import { routeSalesforceCall } from './salesforceRoutes';
import { MAX_UPLOAD_BYTES } from './bulk/ingest';

/** Requests larger than this are refused (a Bulk API upload may be 150 MB). */
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function handle(
  state: EmulatorState,
  control: EmulatorControl,
  role: HostRole,
  baseUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // Not `new URL(req.url)`: a path such as //services/data would be read as a host name.
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const path = (q < 0 ? target : target.slice(0, q)).replace(/\/{2,}/g, '/');
  const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
  const method = (req.method ?? 'GET').toUpperCase();
  const call = (raw: string): IncomingCall => ({
    method,
    path,
    query,
    headers: req.headers,
    body: RequestBody.fromText(raw, req.headers['content-type']),
    role,
    baseUrl,
    remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
  });

  if (path === '/__emulator' || path.startsWith('/__emulator/')) {
    writeResult(res, handleControl(control, call(await readBody(req))));
    return;
  }
  const fault = state.faults.take(method, path);
  const latency = state.settings.latencyMs + (fault?.latencyMs ?? 0);
  if (latency > 0) await sleep(latency);
  if (fault?.dropConnection) {
    state.stats.record(method, `fault ${path}`);
    req.socket.destroy();
    return;
  }
  if (fault?.status) {
    state.stats.record(method, `fault ${path}`);
    const body = fault.body ?? defaultFaultBody(fault.status);
    const result =
      typeof body === 'string'
        ? { status: fault.status, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body }
        : jsonResult(fault.status, body);
    writeResult(res, result, fault.headers);
    return;
  }
  const { result, routeName } = routeSalesforceCall(state, call(await readBody(req)));
  state.stats.record(method, routeName);
  writeResult(res, result);
}

/** One listening server and its base URL. */
export interface Listener {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts a listener on 127.0.0.1 (or `host`) playing `role`. */
export async function startListener(
  state: EmulatorState,
  control: EmulatorControl,
  role: HostRole,
  host: string,
  port: number,
): Promise<Listener> {
  let baseUrl = '';
  const server = createServer((req, res) => {
    handle(state, control, role, baseUrl, req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        writeResult(res, errorResult(413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is larger than 151 MB.'));
        return;
      }
      console.error('[org-emulator] unexpected error', error);
      if (!res.headersSent) {
        writeResult(res, errorResult(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred in the org emulator.'));
      }
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${host}:${address.port}`;
  return {
    server,
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

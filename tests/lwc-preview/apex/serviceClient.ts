// The preview's GraxServiceClient: the same calls to the org-facing API (docs/org-api.md), with the headers the
// Named Credential and Apex add, and the same translation of failures into ServiceError codes and messages.
// Requests go through the preview server's proxy (PROXY_PATH), which plays Salesforce's part of calling the service
// from a server, so the browser's same-origin rules do not apply.

export const PROXY_PATH = '/__grax-service';
export const PROXY_TARGET_HEADER = 'X-Grax-Service-Base';
export const PROXY_ERROR_HEADER = 'X-Grax-Proxy-Error';
export const DEFAULT_TIMEOUT_MS = 10_000;

const JOB_KINDS = ['verify', 'scan', 'autofix'];
const ENVIRONMENTS = ['production', 'sandbox'];
const CONNECT_MODES = ['auto_config', 'manual'];

/** Where and as whom the preview calls the service: the Named Credential URL, the link key and the org id. */
export interface ServiceTarget {
  baseUrl: string;
  linkKey: string;
  orgId: string;
}

export type Json = Record<string, unknown>;

/** A failed call, with the codes of GraxServiceClient.ServiceException. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly actions: string[] = [],
    readonly httpStatus: number | null = null,
    readonly jobId: string | null = null,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** GET /status. */
export function getStatus(target: ServiceTarget): Promise<Json> {
  return send(target, 'GET', '/status');
}

/** POST /verify, /scan or /autofix. */
export function startJob(target: ServiceTarget, kind: string): Promise<Json> {
  if (!JOB_KINDS.includes(kind)) {
    return Promise.reject(new ServiceError('INVALID_INPUT', `Unknown job "${kind}": choose verify, scan or autofix.`));
  }
  return send(target, 'POST', `/${kind}`);
}

/** POST /connect-link. */
export function createConnectLink(target: ServiceTarget, environment: string, mode: string): Promise<Json> {
  if (!ENVIRONMENTS.includes(environment)) {
    return Promise.reject(new ServiceError('INVALID_INPUT', 'Choose Production or Sandbox as the environment.'));
  }
  if (!CONNECT_MODES.includes(mode)) {
    return Promise.reject(new ServiceError('INVALID_INPUT', 'Choose Connect with Auto Config or Skip Auto Config.'));
  }
  return send(target, 'POST', '/connect-link', JSON.stringify({ environment, mode }));
}

async function send(target: ServiceTarget, method: string, path: string, body?: string): Promise<Json> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), DEFAULT_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`${PROXY_PATH}/api/org/v1${path}`, {
      method,
      headers: {
        [PROXY_TARGET_HEADER]: target.baseUrl,
        Authorization: `Bearer ${target.linkKey}`,
        'X-Salesforce-Org-Id': target.orgId,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body,
      signal: abort.signal,
    });
  } catch (error) {
    throw abort.signal.aborted ? timedOut('Read timed out') : unreachable(String(error));
  } finally {
    clearTimeout(timer);
  }
  const proxyError = response.headers.get(PROXY_ERROR_HEADER);
  if (proxyError) {
    throw proxyError.toLowerCase().includes('timed out') ? timedOut(proxyError) : unreachable(proxyError);
  }
  const parsed = parseJson(await response.text());
  if (response.ok && isObject(parsed)) {
    return parsed;
  }
  if (response.ok) {
    throw new ServiceError(
      'INVALID_RESPONSE',
      'The GRAX service answered with something other than JSON. Check that Named Credential GRAX_Service points at the GRAX service itself, not at a login page or proxy.',
      ['Open Setup > Security > Named Credentials > GRAX_Service and check the URL.'],
      response.status,
    );
  }
  throw fromErrorResponse(response.status, parsed);
}

function fromErrorResponse(status: number, parsed: unknown): ServiceError {
  const error = isObject(parsed) && isObject(parsed.error) ? parsed.error : null;
  if (!error || typeof error.message !== 'string') {
    return new ServiceError(
      `HTTP_${status}`,
      `The GRAX service answered with HTTP ${status} and no GRAX error. A proxy or load balancer in front of the service may have answered instead.`,
      ['Check that the GRAX service is running and reachable at its public address, then try again.'],
      status,
    );
  }
  const actions = Array.isArray(error.actions) ? error.actions.filter((item) => typeof item === 'string') : [];
  return new ServiceError(
    typeof error.code === 'string' ? error.code : `HTTP_${status}`,
    error.message,
    actions,
    status,
    typeof error.jobId === 'string' ? error.jobId : null,
  );
}

// As in GraxServiceClient: why a service Salesforce cannot reach fails, refused at once or never answering.
const PUBLIC_HTTPS_REQUIREMENT =
  'Salesforce calls it over the internet, so it needs a public HTTPS address with a certificate from a trusted authority: localhost, private addresses and self-signed certificates do not work.';
const PUBLIC_ADDRESS_ACTION =
  "Check that the address in Named Credential GRAX_Service is the service's public https:// address.";

function unreachable(detail: string): ServiceError {
  return new ServiceError(
    'UNREACHABLE',
    `Salesforce could not reach the GRAX service (${detail}). ${PUBLIC_HTTPS_REQUIREMENT}`,
    [
      PUBLIC_ADDRESS_ACTION,
      "Check that the service's certificate is issued by a trusted certificate authority and not expired.",
    ],
  );
}

function timedOut(detail: string): ServiceError {
  return new ServiceError(
    'TIMEOUT',
    `The GRAX service did not answer in time (${detail}). ${PUBLIC_HTTPS_REQUIREMENT}`,
    ['Check that the GRAX service is running, then try again.', PUBLIC_ADDRESS_ACTION],
  );
}

function parseJson(body: string): unknown {
  try {
    return body ? (JSON.parse(body) as unknown) : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

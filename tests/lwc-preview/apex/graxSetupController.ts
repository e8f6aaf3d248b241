// What `@salesforce/apex/GraxSetupController.*` resolves to in the local preview: the same six methods as the Apex
// class, with the same permission check, input validation, state rules and messages, run against the simulated org
// (simulatedOrg.ts) and the real GRAX service (serviceClient.ts). The link-key and address rules are the service's own
// definition (setupRules.ts), the one GraxRules.cls is generated from.
import { checkServiceAddress, isLinkKey, LINK_KEY_REFUSAL, serviceAddressMessage } from '@service/orgApi/setupRules';
import { AuraError } from './auraError';
import {
  PLACEHOLDER_URL,
  readOrg,
  rememberServiceUrl,
  setNamedCredentialUrl,
  storeLinkKey,
  type SimulatedOrg,
} from './simulatedOrg';
import * as client from './serviceClient';
import { ServiceError, type Json, type ServiceTarget } from './serviceClient';

const NAMED_CREDENTIAL_SETUP_PATH = 'Setup > Security > Named Credentials > GRAX_Service';

/**
 * What a callout through a Named Credential throws when the user may not use the External Credential's principal
 * (System.CalloutException; wording as Salesforce gives it, see docs/package.md "What an install gives").
 */
const NO_CREDENTIAL_ACCESS =
  'We couldn\'t access the credential(s). You might not have the required permissions, or the external credential "GRAX_Service" might not exist.';

interface ServiceErrorData {
  code: string;
  message: string;
  actions: string[];
  httpStatus: number | null;
}

interface SetupState {
  namedCredentialUrl: string;
  addressSet: boolean;
  savedServiceUrl: string | null;
  canEditNamedCredentials: boolean;
  linked: boolean;
  status: Json | null;
  serviceError: ServiceErrorData | null;
  namedCredentialSetupPath: string;
}

/** GraxSetupController.getSetupState. */
export async function getSetupState(): Promise<SetupState> {
  const org = requireManagePermission();
  const state: SetupState = {
    namedCredentialUrl: org.namedCredentialUrl,
    addressSet: isServiceAddress(org.namedCredentialUrl),
    savedServiceUrl: org.savedServiceUrl,
    canEditNamedCredentials: org.canEditNamedCredentials,
    linked: Boolean(org.linkKey),
    status: null,
    serviceError: null,
    namedCredentialSetupPath: NAMED_CREDENTIAL_SETUP_PATH,
  };
  if (state.addressSet && state.linked) {
    try {
      state.status = await client.getStatus(targetOf(org));
    } catch (error) {
      state.serviceError = toServiceErrorData(error);
    }
  }
  if (state.status && state.namedCredentialUrl !== state.savedServiceUrl) {
    rememberServiceUrl(state.namedCredentialUrl);
    state.savedServiceUrl = state.namedCredentialUrl;
  }
  return state;
}

/** GraxSetupController.saveServiceAddress. */
export async function saveServiceAddress({ url }: { url: string }): Promise<string> {
  const org = requireManagePermission();
  const address = normalizeServiceAddress(url);
  requireCredentialEditing(org);
  setNamedCredentialUrl(address);
  rememberServiceUrl(address);
  return address;
}

/** GraxSetupController.saveLinkKey. */
export async function saveLinkKey({ key }: { key: string }): Promise<void> {
  const org = requireManagePermission();
  const trimmed = (key ?? '').trim();
  if (!isLinkKey(trimmed)) {
    throw new AuraError(LINK_KEY_REFUSAL);
  }
  requireCredentialEditing(org);
  storeLinkKey(trimmed);
}

/** GraxSetupController.getStatus. */
export async function getStatus(): Promise<Json> {
  const org = requireManagePermission();
  return toPageError(() => client.getStatus(targetOf(org)));
}

/** GraxSetupController.startJob: a job of the same kind that is already running is returned instead. */
export async function startJob({ kind }: { kind: string }): Promise<Json> {
  const org = requireManagePermission();
  try {
    return await client.startJob(targetOf(org), kind);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'JOB_RUNNING' && error.jobId) {
      return { jobId: error.jobId, kind, state: 'running', alreadyRunning: true };
    }
    throw pageError(error);
  }
}

/** GraxSetupController.createConnectLink. */
export async function createConnectLink({ environment, mode }: { environment: string; mode: string }): Promise<Json> {
  const org = requireManagePermission();
  return toPageError(() => client.createConnectLink(targetOf(org), environment, mode));
}

function requireManagePermission(): SimulatedOrg {
  const org = readOrg();
  if (!org.mayManage) {
    throw new AuraError(
      'You need the GRAX: Manage Connection custom permission to use GRAX Setup. Ask your Salesforce admin to assign you permission set GRAX Setup Admin.',
    );
  }
  return org;
}

function requireCredentialEditing(org: SimulatedOrg): void {
  if (!org.canEditNamedCredentials) {
    throw new AuraError(
      `You may not edit named credentials. Ask an admin with Manage Named Credentials or Customize Application to do this here, or to set it in ${NAMED_CREDENTIAL_SETUP_PATH}.`,
    );
  }
}

function isServiceAddress(url: string): boolean {
  return Boolean(url && url.trim()) && !url.toLowerCase().startsWith(PLACEHOLDER_URL);
}

function normalizeServiceAddress(url: string): string {
  const check = checkServiceAddress(url);
  const problem = serviceAddressMessage(check);
  if (problem) {
    throw new AuraError(problem);
  }
  return check.address;
}

/** Where a callout goes; as in Salesforce, it fails before leaving the org without access to the principal. */
function targetOf(org: SimulatedOrg): ServiceTarget {
  if (!org.principalAccess) throw new ServiceError('CREDENTIAL_ACCESS', NO_CREDENTIAL_ACCESS);
  return { baseUrl: org.namedCredentialUrl.replace(/\/$/, ''), linkKey: org.linkKey ?? '', orgId: org.orgId };
}

function toServiceErrorData(error: unknown): ServiceErrorData {
  if (error instanceof ServiceError) {
    return { code: error.code, message: error.message, actions: error.actions, httpStatus: error.httpStatus };
  }
  throw error;
}

async function toPageError(call: () => Promise<Json>): Promise<Json> {
  try {
    return await call();
  } catch (error) {
    throw pageError(error);
  }
}

function pageError(error: unknown): unknown {
  if (error instanceof ServiceError) {
    return new AuraError([error.message, ...error.actions].join(' '));
  }
  return error;
}

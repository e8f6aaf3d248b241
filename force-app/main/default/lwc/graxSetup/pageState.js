// The GRAX Setup page's state machine, as pure functions of what Apex returned: which state the page shows, which job
// it follows, and when a connection it waits for has completed or expired. graxSetup.js renders and acts; this file
// decides.

/** The page's states, checked in this order: the first that applies wins. */
export const PAGE_STATES = Object.freeze({
  ADDRESS_NOT_SET: 'addressNotSet',
  CREDENTIAL_ACCESS: 'credentialAccess',
  UNREACHABLE: 'unreachable',
  NOT_LINKED: 'notLinked',
  SERVICE_ERROR: 'serviceError',
  READY: 'ready',
});

// GraxServiceClient's codes for a service Salesforce cannot reach, and the service's codes for a refused link key.
const UNREACHABLE_CODES = ['UNREACHABLE', 'TIMEOUT'];
const LINK_CODES = ['LINK_KEY_MISSING', 'LINK_KEY_INVALID', 'ORG_MISMATCH'];
const ACTIVE_JOB_STATES = ['queued', 'running'];

/**
 * The state to show for GraxSetupController.getSetupState()'s result (undefined before it loads).
 */
export function pageStateOf(setupState) {
  const serviceError = setupState && setupState.serviceError;
  const code = serviceError && serviceError.code;
  if (!setupState || !setupState.addressSet) {
    return PAGE_STATES.ADDRESS_NOT_SET;
  }
  // Salesforce refused the callout before it left the org: no access to External Credential GRAX_Service.
  if (code === 'CREDENTIAL_ACCESS') {
    return PAGE_STATES.CREDENTIAL_ACCESS;
  }
  if (UNREACHABLE_CODES.includes(code)) {
    return PAGE_STATES.UNREACHABLE;
  }
  if (!setupState.linked || LINK_CODES.includes(code)) {
    return PAGE_STATES.NOT_LINKED;
  }
  if (serviceError || !setupState.status) {
    return PAGE_STATES.SERVICE_ERROR;
  }
  return PAGE_STATES.READY;
}

/**
 * The service's reason for refusing the stored link key, or ''.
 */
export function linkRejectionOf(setupState) {
  const serviceError = setupState && setupState.serviceError;
  return serviceError && LINK_CODES.includes(serviceError.code) ? serviceError.message : '';
}

/**
 * The GRAX web app's address, from status.service.publicUrl, or ''.
 */
export function graxUrlOf(status) {
  const publicUrl = status && status.service && status.service.publicUrl;
  return publicUrl ? `${publicUrl.replace(/\/$/, '')}/web` : '';
}

/**
 * An upgrade resets the Named Credential to the packaged placeholder; the address kept in the custom setting is put
 * back once per page load, by users who may edit named credentials.
 */
export function shouldRestoreAddress(setupState, alreadyTried) {
  return (
    !alreadyTried && !setupState.addressSet && Boolean(setupState.savedServiceUrl) && setupState.canEditNamedCredentials
  );
}

/**
 * Follows jobs through a new status: the job the page follows (the one it started, else any the service is running,
 * such as the Auto Config after a connection), and the followed job that has just ended, if any.
 */
export function followJobs(jobs, followed) {
  const current = followed && (jobs || []).find((job) => job.id === followed.id);
  if (current && !ACTIVE_JOB_STATES.includes(current.state)) {
    return { activeJob: runningJob(jobs), finishedJob: current };
  }
  if (current || followed) {
    return { activeJob: current || followed, finishedJob: undefined };
  }
  return { activeJob: runningJob(jobs), finishedJob: undefined };
}

function runningJob(jobs) {
  return (jobs || []).find((job) => ACTIVE_JOB_STATES.includes(job.state));
}

/**
 * Whether the connection the admin is completing in another tab is done: 'connected', 'expired' once the connect
 * link can no longer work (deadline passed), or null while still waiting.
 */
export function connectOutcome(status, deadline, now) {
  if (status && status.connection && status.connection.state === 'connected') {
    return 'connected';
  }
  return now > deadline ? 'expired' : null;
}

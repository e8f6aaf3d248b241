// Every piece of text the GRAX Setup components show, in one place, so wording stays consistent and can move to
// custom labels without touching component logic. Placeholders {0}, {1} are filled by format().

export const LABELS = {
  title: 'GRAX Setup',
  refresh: 'Refresh',
  retry: 'Try again',
  loading: 'Loading GRAX Setup',
  working: 'Working',
  openGrax: 'Open GRAX',
  errorHeading: 'Something went wrong',
  unexpectedError: 'Unexpected error. Reload the page and try again.',
  nextSteps: 'What to do next',

  addressHeading: 'Set the GRAX service address',
  addressIntro:
    'GRAX Setup talks to your GRAX service through Named Credential GRAX_Service. Enter the public HTTPS address of the service (its PUBLIC_URL).',
  addressAfterUpgrade:
    'A package upgrade resets the address to the packaged placeholder. The last address used here was {0}.',
  addressLabel: 'Service address',
  addressPlaceholder: 'https://grax.example.com',
  addressHelp: 'The address Salesforce calls, such as https://grax.example.com. It must be public HTTPS.',
  saveAddress: 'Save address',
  addressNoEdit:
    'You may not edit named credentials. Ask an admin with Manage Named Credentials or Customize Application to open this page, or to set the URL in {0}.',
  addressSaved: 'Service address saved: {0}.',
  addressRestored: 'The package upgrade had reset the service address. GRAX Setup restored {0}.',
  restoreFailed: 'GRAX Setup could not restore the service address: {0}',

  unreachableHeading: 'The GRAX service is not reachable',
  addressInUse: 'Address in use',
  changeAddress: 'Change the address',

  linkHeading: 'Link this org to GRAX',
  linkIntro:
    'Paste a link key from GRAX > Settings > Org link. GRAX Setup stores it in External Credential GRAX_Service, where only Salesforce can read it.',
  linkRejected: 'The GRAX service did not accept the stored link key: {0}',
  linkKeyLabel: 'Link key',
  linkKeyPlaceholder: 'gxk_…',
  linkKeyHelp: 'Starts with gxk_. GRAX shows a new key only once: create another one if you lost it.',
  saveLinkKey: 'Save link key',
  rotateHeading: 'Rotate the link key',
  rotateIntro:
    'Create a new key in GRAX > Settings > Org link and paste it here. The old key keeps working for 10 minutes.',
  linkNoEdit:
    'You may not edit named credentials. Ask an admin with Manage Named Credentials or Customize Application to store the key here, or in Setup > Security > Named Credentials > External Credentials > GRAX_Service > Principals > Link.',
  linkKeySaved: 'Link key saved.',

  connectionHeading: 'Salesforce connection',
  notConnectedIntro:
    'GRAX is not connected to this org yet. Choose the environment, then connect as the dedicated integration user in the new tab.',
  reauthHeading: 'Reconnect GRAX',
  reauthIntro:
    'GRAX can no longer use its connection to this org (the token was revoked or expired). Reconnect as the integration user.',
  environmentLabel: 'Environment',
  environmentProduction: 'Production',
  environmentSandbox: 'Sandbox',
  environmentNote: 'Some Developer and Einstein orgs are considered production orgs by Salesforce.',
  connectAutoConfig: 'Connect with Auto Config',
  connectSkipAutoConfig: 'Skip Auto Config',
  connectStarted: 'Finish connecting in the new tab. This page updates when the connection is ready.',
  connectBlocked: 'Your browser did not open a new tab. Open the connection page yourself:',
  connectLinkText: 'Connect to Salesforce',
  connectedNotice: 'GRAX is connected to this org.',
  orgLabel: 'Org',
  userLabel: 'Integration user',
  connectedSinceLabel: 'Connected since',
  modeLabel: 'Setup',
  modeAutoConfig: 'Auto Config',
  modeManual: 'Manual (Auto Config skipped)',

  jobsHeading: 'Checks and fixes',
  verify: 'Verify',
  scanNow: 'Scan Now',
  autoFix: 'Auto Fix',
  jobKinds: {
    autoconfig: 'Auto Config',
    verify: 'Verify',
    scan: 'Scan',
    autofix: 'Auto Fix',
  },
  jobProgress: '{0} progress',
  jobRunning: '{0} is running: {1}',
  jobQueued: '{0} is waiting to start.',
  jobStepCount: '{0} ({1} of {2})',
  jobAlreadyRunning: '{0} was already running: following it.',
  jobSucceeded: '{0} finished.',
  jobFailed: '{0} failed: {1}',
  jobNoDetail: 'the service gave no reason.',

  permissionsHeading: 'Integration user permissions',
  permissionStates: {
    unknown: 'Not checked yet: run Verify.',
    ok: 'All required permissions are in place.',
    findings: 'Verify found problems with the integration user’s access.',
    drift: 'Access broke since the last good scan.',
  },
  lastScanLabel: 'Last scan',
  neverScanned: 'Never',
  severityHeadings: {
    error: 'Errors',
    warning: 'Warnings',
    info: 'Information',
  },
  remediationText: 'How to fix: {0}',

  apiUsageHeading: 'API usage',
  dailyApiRequests: 'Daily API requests used',
  dailyApiRequestsValue: '{0} of {1}',
  dailyApiRequestsUnknown: 'Not known yet.',
  serviceCalls: 'GRAX calls in the last 24 hours',
  hourlyCallsLabel: 'GRAX calls per hour',
  hourlyCallsItem: '{0}: {1} calls',
};

/**
 * Fills {0}, {1}, ... in template with the given values.
 */
export function format(template, ...values) {
  return template.replace(/\{(\d+)\}/g, (placeholder, index) => {
    const value = values[index];
    return value === undefined || value === null ? '' : String(value);
  });
}

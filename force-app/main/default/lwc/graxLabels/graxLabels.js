// Every piece of text the GRAX Setup components show, from the package's Custom Labels (labels/), so admins can
// translate it in Setup (Translation Workbench) and wording stays consistent. Components read LABELS.<key>, which is
// label Grax_<Key> (Grax_<Group>_<Key> inside a group). Placeholders {0}, {1} are filled by format(). Messages that
// come from Apex or the GRAX service are shown as they are and are not labels.

import title from '@salesforce/label/c.Grax_Title';
import refresh from '@salesforce/label/c.Grax_Refresh';
import retry from '@salesforce/label/c.Grax_Retry';
import loading from '@salesforce/label/c.Grax_Loading';
import working from '@salesforce/label/c.Grax_Working';
import openGrax from '@salesforce/label/c.Grax_OpenGrax';
import errorHeading from '@salesforce/label/c.Grax_ErrorHeading';
import unexpectedError from '@salesforce/label/c.Grax_UnexpectedError';
import nextSteps from '@salesforce/label/c.Grax_NextSteps';
import addressHeading from '@salesforce/label/c.Grax_AddressHeading';
import addressIntro from '@salesforce/label/c.Grax_AddressIntro';
import addressAfterUpgrade from '@salesforce/label/c.Grax_AddressAfterUpgrade';
import addressLabel from '@salesforce/label/c.Grax_AddressLabel';
import addressPlaceholder from '@salesforce/label/c.Grax_AddressPlaceholder';
import addressHelp from '@salesforce/label/c.Grax_AddressHelp';
import saveAddress from '@salesforce/label/c.Grax_SaveAddress';
import addressNoEdit from '@salesforce/label/c.Grax_AddressNoEdit';
import addressSaved from '@salesforce/label/c.Grax_AddressSaved';
import addressRestored from '@salesforce/label/c.Grax_AddressRestored';
import restoreFailed from '@salesforce/label/c.Grax_RestoreFailed';
import unreachableHeading from '@salesforce/label/c.Grax_UnreachableHeading';
import credentialAccessHeading from '@salesforce/label/c.Grax_CredentialAccessHeading';
import credentialAccessIntro from '@salesforce/label/c.Grax_CredentialAccessIntro';
import credentialAccessStepAssign from '@salesforce/label/c.Grax_CredentialAccessStepAssign';
import credentialAccessStepPrincipal from '@salesforce/label/c.Grax_CredentialAccessStepPrincipal';
import credentialAccessStepObject from '@salesforce/label/c.Grax_CredentialAccessStepObject';
import credentialAccessSalesforceSaid from '@salesforce/label/c.Grax_CredentialAccessSalesforceSaid';
import addressInUse from '@salesforce/label/c.Grax_AddressInUse';
import changeAddress from '@salesforce/label/c.Grax_ChangeAddress';
import linkHeading from '@salesforce/label/c.Grax_LinkHeading';
import linkIntro from '@salesforce/label/c.Grax_LinkIntro';
import linkRejected from '@salesforce/label/c.Grax_LinkRejected';
import linkKeyLabel from '@salesforce/label/c.Grax_LinkKeyLabel';
import linkKeyPlaceholder from '@salesforce/label/c.Grax_LinkKeyPlaceholder';
import linkKeyHelp from '@salesforce/label/c.Grax_LinkKeyHelp';
import linkKeyNotAKey from '@salesforce/label/c.Grax_LinkKeyNotAKey';
import saveLinkKey from '@salesforce/label/c.Grax_SaveLinkKey';
import rotateHeading from '@salesforce/label/c.Grax_RotateHeading';
import rotateIntro from '@salesforce/label/c.Grax_RotateIntro';
import linkNoEdit from '@salesforce/label/c.Grax_LinkNoEdit';
import linkKeySaved from '@salesforce/label/c.Grax_LinkKeySaved';
import connectionHeading from '@salesforce/label/c.Grax_ConnectionHeading';
import notConnectedIntro from '@salesforce/label/c.Grax_NotConnectedIntro';
import reauthHeading from '@salesforce/label/c.Grax_ReauthHeading';
import reauthIntro from '@salesforce/label/c.Grax_ReauthIntro';
import environmentLabel from '@salesforce/label/c.Grax_EnvironmentLabel';
import environmentProduction from '@salesforce/label/c.Grax_EnvironmentProduction';
import environmentSandbox from '@salesforce/label/c.Grax_EnvironmentSandbox';
import environmentNote from '@salesforce/label/c.Grax_EnvironmentNote';
import connectAutoConfig from '@salesforce/label/c.Grax_ConnectAutoConfig';
import connectSkipAutoConfig from '@salesforce/label/c.Grax_ConnectSkipAutoConfig';
import connectReady from '@salesforce/label/c.Grax_ConnectReady';
import connectLinkText from '@salesforce/label/c.Grax_ConnectLinkText';
import connectExpired from '@salesforce/label/c.Grax_ConnectExpired';
import connectedNotice from '@salesforce/label/c.Grax_ConnectedNotice';
import orgLabel from '@salesforce/label/c.Grax_OrgLabel';
import userLabel from '@salesforce/label/c.Grax_UserLabel';
import connectedSinceLabel from '@salesforce/label/c.Grax_ConnectedSinceLabel';
import modeLabel from '@salesforce/label/c.Grax_ModeLabel';
import modeAutoConfig from '@salesforce/label/c.Grax_ModeAutoConfig';
import modeManual from '@salesforce/label/c.Grax_ModeManual';
import jobsHeading from '@salesforce/label/c.Grax_JobsHeading';
import verify from '@salesforce/label/c.Grax_Verify';
import scanNow from '@salesforce/label/c.Grax_ScanNow';
import autoFix from '@salesforce/label/c.Grax_AutoFix';
import jobKindsAutoconfig from '@salesforce/label/c.Grax_JobKinds_Autoconfig';
import jobKindsVerify from '@salesforce/label/c.Grax_JobKinds_Verify';
import jobKindsScan from '@salesforce/label/c.Grax_JobKinds_Scan';
import jobKindsAutofix from '@salesforce/label/c.Grax_JobKinds_Autofix';
import jobProgress from '@salesforce/label/c.Grax_JobProgress';
import jobRunning from '@salesforce/label/c.Grax_JobRunning';
import jobQueued from '@salesforce/label/c.Grax_JobQueued';
import jobStepCount from '@salesforce/label/c.Grax_JobStepCount';
import jobAlreadyRunning from '@salesforce/label/c.Grax_JobAlreadyRunning';
import jobSucceeded from '@salesforce/label/c.Grax_JobSucceeded';
import jobFailed from '@salesforce/label/c.Grax_JobFailed';
import jobNoDetail from '@salesforce/label/c.Grax_JobNoDetail';
import permissionsHeading from '@salesforce/label/c.Grax_PermissionsHeading';
import permissionStatesUnknown from '@salesforce/label/c.Grax_PermissionStates_Unknown';
import permissionStatesOk from '@salesforce/label/c.Grax_PermissionStates_Ok';
import permissionStatesFindings from '@salesforce/label/c.Grax_PermissionStates_Findings';
import permissionStatesDrift from '@salesforce/label/c.Grax_PermissionStates_Drift';
import lastScanLabel from '@salesforce/label/c.Grax_LastScanLabel';
import neverScanned from '@salesforce/label/c.Grax_NeverScanned';
import severityHeadingsError from '@salesforce/label/c.Grax_SeverityHeadings_Error';
import severityHeadingsWarning from '@salesforce/label/c.Grax_SeverityHeadings_Warning';
import severityHeadingsInfo from '@salesforce/label/c.Grax_SeverityHeadings_Info';
import remediationText from '@salesforce/label/c.Grax_RemediationText';
import apiUsageHeading from '@salesforce/label/c.Grax_ApiUsageHeading';
import dailyApiRequests from '@salesforce/label/c.Grax_DailyApiRequests';
import dailyApiRequestsValue from '@salesforce/label/c.Grax_DailyApiRequestsValue';
import dailyApiRequestsUnknown from '@salesforce/label/c.Grax_DailyApiRequestsUnknown';
import serviceCalls from '@salesforce/label/c.Grax_ServiceCalls';
import hourlyCallsLabel from '@salesforce/label/c.Grax_HourlyCallsLabel';
import hourlyCallsItem from '@salesforce/label/c.Grax_HourlyCallsItem';

export const LABELS = {
  title,
  refresh,
  retry,
  loading,
  working,
  openGrax,
  errorHeading,
  unexpectedError,
  nextSteps,
  addressHeading,
  addressIntro,
  addressAfterUpgrade,
  addressLabel,
  addressPlaceholder,
  addressHelp,
  saveAddress,
  addressNoEdit,
  addressSaved,
  addressRestored,
  restoreFailed,
  unreachableHeading,
  credentialAccessHeading,
  credentialAccessIntro,
  credentialAccessStepAssign,
  credentialAccessStepPrincipal,
  credentialAccessStepObject,
  credentialAccessSalesforceSaid,
  addressInUse,
  changeAddress,
  linkHeading,
  linkIntro,
  linkRejected,
  linkKeyLabel,
  linkKeyPlaceholder,
  linkKeyHelp,
  linkKeyNotAKey,
  saveLinkKey,
  rotateHeading,
  rotateIntro,
  linkNoEdit,
  linkKeySaved,
  connectionHeading,
  notConnectedIntro,
  reauthHeading,
  reauthIntro,
  environmentLabel,
  environmentProduction,
  environmentSandbox,
  environmentNote,
  connectAutoConfig,
  connectSkipAutoConfig,
  connectReady,
  connectLinkText,
  connectExpired,
  connectedNotice,
  orgLabel,
  userLabel,
  connectedSinceLabel,
  modeLabel,
  modeAutoConfig,
  modeManual,
  jobsHeading,
  verify,
  scanNow,
  autoFix,
  jobKinds: {
    autoconfig: jobKindsAutoconfig,
    verify: jobKindsVerify,
    scan: jobKindsScan,
    autofix: jobKindsAutofix,
  },
  jobProgress,
  jobRunning,
  jobQueued,
  jobStepCount,
  jobAlreadyRunning,
  jobSucceeded,
  jobFailed,
  jobNoDetail,
  permissionsHeading,
  permissionStates: {
    unknown: permissionStatesUnknown,
    ok: permissionStatesOk,
    findings: permissionStatesFindings,
    drift: permissionStatesDrift,
  },
  lastScanLabel,
  neverScanned,
  severityHeadings: {
    error: severityHeadingsError,
    warning: severityHeadingsWarning,
    info: severityHeadingsInfo,
  },
  remediationText,
  apiUsageHeading,
  dailyApiRequests,
  dailyApiRequestsValue,
  dailyApiRequestsUnknown,
  serviceCalls,
  hourlyCallsLabel,
  hourlyCallsItem,
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

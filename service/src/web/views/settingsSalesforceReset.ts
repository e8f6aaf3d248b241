/**
 * Reset GRAX's confirmation and result pages. The confirmation warns first when no active local admin exists (after
 * Reset only local users can sign in), lists what Reset does and asks for the org name; the result page reports each
 * step, including the best-effort ones that failed and what to do about them, and tells a Salesforce user that Reset
 * signed them out and how to go on.
 */
import type { ResetReport } from '../../connection/reset';
import { button, errorSummary, postForm, textInput } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { webPaths } from '../paths';
import { SETTINGS_SALESFORCE_PATHS } from './settingsSalesforcePage';

/** What the confirmation page shows. */
export interface ResetConfirmOptions {
  csrfToken: string;
  orgName: string;
  noLocalAdmin: boolean;
  error: string | null;
}

/** The confirmation page body. */
export function resetConfirmBody(options: ResetConfirmOptions): SafeHtml {
  const warning = options.noLocalAdmin
    ? html`<div class="slds-notify slds-notify_alert slds-alert_error slds-m-bottom_medium" role="alert">
        <h2>
          Set up a local user before resetting GRAX if access is needed. No active local admin exists, and after Reset
          nobody can sign in with Salesforce. <a href="${webPaths.settingsUsers}">Settings > Users</a>
        </h2>
      </div>`
    : '';
  const errors = options.error ? [{ field: 'orgName', message: options.error }] : [];
  return html`<div class="slds-box slds-theme_default">
    ${warning} ${errorSummary(errors)}
    <p class="slds-m-bottom_small">Reset GRAX disconnects <strong>${options.orgName}</strong>:</p>
    <ul class="slds-list_dotted slds-m-bottom_medium">
      <li>GRAX's authorization is revoked at Salesforce and its tokens are deleted here.</li>
      <li>The link key stored in the org (External Credential GRAX_Service) is deleted, and every link key is revoked.</li>
      <li>Log in with Salesforce stops, and signed-in Salesforce users are signed out, until GRAX is connected again.</li>
      <li>Backup data and job history are kept.</li>
    </ul>
    ${postForm({
      action: SETTINGS_SALESFORCE_PATHS.reset,
      csrfToken: options.csrfToken,
      label: 'Reset GRAX',
      body: html`${textInput({
        name: 'orgName',
        label: `Type the org name to confirm: ${options.orgName}`,
        required: true,
        error: options.error ?? undefined,
        autocomplete: 'off',
        maxlength: 256,
        spellcheck: false,
      })}
      ${button({ label: 'Reset GRAX', variant: 'destructive' })}
      <a class="slds-button slds-button_neutral" href="${SETTINGS_SALESFORCE_PATHS.page}">Cancel</a>`,
    })}
  </div>`;
}

function step(ok: boolean, text: string): SafeHtml {
  return html`<li data-reset-step="${ok ? 'ok' : 'problem'}">${ok ? '' : html`<strong>Not done:</strong> `}${text}</li>`;
}

/** The way on from the result page: home for a local user; the login page for a Salesforce user, now signed out. */
function nextStep(signedOut: boolean): SafeHtml {
  if (!signedOut) return html`<a class="slds-button slds-button_brand" href="${webPaths.home}">Go to the home page</a>`;
  return html`<p class="slds-m-bottom_small">
      You logged in with Salesforce, so you are now logged out. To connect GRAX again, log in with a local admin user.
    </p>
    <a class="slds-button slds-button_brand" href="${webPaths.login}">Log in with a local user</a>`;
}

/** Whether the admins got the link to connect again (it is not a failure of Reset when no email is configured). */
function reconnectLinkStep(sent: ResetReport['reconnectLink']): SafeHtml {
  if (sent.sent) {
    const addresses =
      sent.recipients === 1 ? 'the ADMIN_EMAIL address' : `the ${sent.recipients} ADMIN_EMAIL addresses`;
    return step(true, `A link to connect again (valid 24 hours, works once) was emailed to ${addresses}.`);
  }
  return step(false, `No link to connect again was emailed to the admins: ${sent.reason}.`);
}

/** The result page body; `signedOut` when the Salesforce (SSO) user who reset was signed out by it. */
export function resetResultBody(report: ResetReport, signedOut = false): SafeHtml {
  const { tokenRevoked, credential } = report;
  return html`<div class="slds-box slds-theme_default">
    <p class="slds-m-bottom_small">GRAX is disconnected from <strong>${report.orgName}</strong>.</p>
    <ul class="slds-list_dotted slds-m-bottom_medium">
      ${step(
        tokenRevoked.ok,
        tokenRevoked.ok
          ? "GRAX's authorization was revoked at Salesforce."
          : `GRAX's authorization could not be revoked at Salesforce (${tokenRevoked.reason}). Revoke it in Salesforce: Setup > Connected Apps OAuth Usage > GRAX Connect > Revoke.`,
      )}
      ${step(
        credential.ok,
        credential.ok
          ? credential.deleted
            ? 'The link key stored in the org was deleted.'
            : 'No link key was stored in the org.'
          : `The link key stored in the org could not be deleted (${credential.reason}). Delete it in Salesforce: Setup > Named Credentials > External Credentials > GRAX_Service > principal Link.`,
      )}
      ${step(true, `${report.linkKeysRevoked} link key${report.linkKeysRevoked === 1 ? ' was' : 's were'} revoked.`)}
      ${step(true, "GRAX's tokens were deleted here, and Log in with Salesforce is off until GRAX is connected again.")}
      ${reconnectLinkStep(report.reconnectLink)}
    </ul>
    ${nextStep(signedOut)}
  </div>`;
}

/**
 * The Connect to Salesforce page: shown on /web while GRAX is not connected, for Reconnect, and for Update. The admin
 * picks the environment, optionally a My Domain, enters the first-run setup token when one is needed, and chooses
 * Connect with Auto Config or Skip Auto Config. Only these values go to the server, which builds the login URL itself.
 */
import { formatClockTime } from '../time';
import type { FieldProblem } from '../../errors';
import { SETUP_TOKEN_COMMAND } from '../../connection/connectErrors';
import { button, errorSummary, postForm, problemOf, selectInput, textInput } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { webPaths } from '../paths';
import { CONNECT_PATH } from './connectBanner';
import { ASK_OPERATOR_TEXT, setupTokenInput } from './firstAdmin';

/** Why the page is shown. */
export type ConnectPurpose = 'connect' | 'reconnect' | 'update';

/** What the page shows. */
export interface ConnectPageOptions {
  csrfToken: string;
  purpose: ConnectPurpose;
  values: { environment: string; myDomain: string };
  errors: FieldProblem[];
  /** The first connection: the form asks for the first-run setup token. */
  setupTokenRequired: boolean;
  /**
   * GRAX was connected before and no admin is signed in: connecting again needs a local admin's sign-in (when one is
   * active) or a setup token from the server's operator, which the form then asks for.
   */
  recovery: { localAdminExists: boolean } | null;
  /** This browser followed a valid reconnect link emailed to the admins: it may connect without a setup token. */
  reconnectLinkAccepted?: boolean;
  /** A sign-in that left for Salesforce and never came back (e.g. an API-only user), if any. */
  unfinishedAttemptAt: Date | null;
  /** False when the form would not be accepted (nobody signed in as an admin, no setup token asked for). */
  canConnect: boolean;
  /** For Update: the connection being changed. */
  current: { orgName: string; username: string } | null;
  /** After Reset: the org GRAX was disconnected from. */
  disconnectedFrom?: string | null;
}

/** The page title for a purpose. */
export function connectTitle(purpose: ConnectPurpose): string {
  return purpose === 'update'
    ? 'Update the Salesforce connection'
    : purpose === 'reconnect'
      ? 'Reconnect Salesforce'
      : 'Connect to Salesforce';
}

function intro(options: ConnectPageOptions): SafeHtml {
  if (options.purpose === 'update' && options.current) {
    return html`<p class="slds-m-bottom_small">
      GRAX is connected to <strong>${options.current.orgName}</strong> as <strong>${options.current.username}</strong>.
      Sign in as the integration user GRAX should use from now on: the same user renews the authorization, another user
      of the same org replaces it, and another org asks you to confirm on a page naming both orgs.
    </p>`;
  }
  if (options.disconnectedFrom) {
    return html`<p class="slds-m-bottom_small">
      GRAX is disconnected from <strong>${options.disconnectedFrom}</strong>: it does not work with the org, and Log in
      with Salesforce is off. Connect again to resume. You will sign in to Salesforce <strong>as the integration
      user</strong> (not as yourself): use a user with a Salesforce license that only GRAX uses.
    </p>`;
  }
  return html`<p class="slds-m-bottom_small">
    GRAX reaches your org through a dedicated integration user. You will sign in to Salesforce <strong>as that
    integration user</strong> (not as yourself): use a user with a Salesforce license that only GRAX uses.
  </p>`;
}

function unfinishedAttempt(at: Date): SafeHtml {
  return html`<div class="slds-notify slds-notify_alert slds-alert_warning slds-m-bottom_medium" role="status">
    <h2>
      A sign-in started at ${formatClockTime(at)} did not come back to GRAX Connect. If Salesforce showed
      "Access Restricted for API Only Users", that user has the Salesforce Integration license and cannot sign in
      interactively: sign in as an integration user with a Salesforce license instead. If you closed the Salesforce
      page, simply connect again.
    </h2>
  </div>`;
}

function form(options: ConnectPageOptions): SafeHtml {
  const { values, errors } = options;
  const fields = html`
    ${selectInput({
      name: 'environment',
      label: 'Environment',
      value: values.environment,
      required: true,
      error: problemOf(errors, 'environment'),
      help: 'Some Developer/Einstein orgs are considered production orgs by Salesforce',
      options: [
        { value: 'production', label: 'Production' },
        { value: 'sandbox', label: 'Sandbox' },
      ],
    })}
    ${textInput({
      name: 'myDomain',
      label: 'My Domain (optional)',
      value: values.myDomain,
      error: problemOf(errors, 'myDomain'),
      help: "Your org's My Domain from Setup > My Domain, such as acme, acme.my.salesforce.com or acme--uat.sandbox.my.salesforce.com. A Lightning address (acme.lightning.force.com) works too. Leave empty to use the standard login page.",
      maxlength: 2048,
      autocomplete: 'off',
      spellcheck: false,
    })}
    ${
      options.setupTokenRequired
        ? setupTokenInput({
            error: problemOf(errors, 'setupToken'),
            help: 'The first connection needs the setup token printed on the console when GRAX Connect started (or set as GRAX_SETUP_TOKEN). It works once.',
          })
        : options.recovery
          ? setupTokenInput({
              error: problemOf(errors, 'setupToken'),
              help: `A setup token printed by ${SETUP_TOKEN_COMMAND} on the GRAX Connect server. It works once and expires an hour after it was printed.`,
            })
          : ''
    }
    ${problemOf(errors, 'mode') ? html`<p class="slds-text-color_error" id="field-mode">${problemOf(errors, 'mode')}</p>` : ''}
    <div class="slds-m-top_medium">
      ${button({ label: 'Connect with Auto Config', variant: 'brand', name: 'mode', value: 'auto_config' })}
      ${button({ label: 'Skip Auto Config', variant: 'neutral', name: 'mode', value: 'manual' })}
    </div>
    <p class="grax-help slds-m-top_small">
      Connect with Auto Config creates and assigns the GRAX permission sets for the integration user. Skip Auto Config
      if you set up the permission sets yourself: GRAX then verifies them and lists anything missing.
    </p>`;
  return postForm({
    action: CONNECT_PATH,
    csrfToken: options.csrfToken,
    label: connectTitle(options.purpose),
    body: fields,
  });
}

function recoveryNote(recovery: { localAdminExists: boolean }): SafeHtml {
  const text = recovery.localAdminExists
    ? html`GRAX was connected before, so connecting again needs a GRAX admin: <a href="${webPaths.login}">sign in</a>
        with a local admin, or enter a setup token from the operator of the GRAX Connect server. Log in with Salesforce
        is unavailable while GRAX is not connected.`
    : html`GRAX was connected before and no local admin is active, so connecting again needs a setup token.
        ${ASK_OPERATOR_TEXT} Enter it below, or <a href="${webPaths.firstAdmin}">create the first local admin</a>
        with it.`;
  return html`<div class="slds-notify slds-notify_alert slds-theme_info slds-m-bottom_medium" role="status">
    <h2>${text}</h2>
  </div>`;
}

function reconnectLinkNote(): SafeHtml {
  return html`<div class="slds-notify slds-notify_alert slds-theme_info slds-m-bottom_medium" role="status">
    <h2>
      You opened the reconnect link GRAX Connect emailed to its admins. Connect and sign in to Salesforce as the
      integration user; the link works once, in this browser.
    </h2>
  </div>`;
}

/** The body of the connect page. */
export function connectPageBody(options: ConnectPageOptions): SafeHtml {
  if (!options.canConnect) {
    return html`<div class="slds-box slds-theme_default">
      <p>GRAX is not connected to Salesforce. Only a GRAX admin can connect it: ask one of your GRAX admins.</p>
    </div>`;
  }
  return html`<div class="slds-box slds-theme_default">
    ${errorSummary(options.errors)} ${options.recovery ? recoveryNote(options.recovery) : ''}
    ${options.reconnectLinkAccepted ? reconnectLinkNote() : ''}
    ${options.unfinishedAttemptAt ? unfinishedAttempt(options.unfinishedAttemptAt) : ''} ${intro(options)}
    ${form(options)}
  </div>`;
}

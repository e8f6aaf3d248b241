/**
 * Settings > Salesforce: the connected org and integration user, environment, connected since, the Auto Config
 * state and API usage; for admins the Update and Reset GRAX actions and, after Update changed the integration user,
 * the offer to remove the GRAX permission sets from the previous user. Viewers see the same page without actions.
 */
import type { PreviousUser } from '../../connection/notes';
import type { Connection } from '../../domain/connection';
import { button, postForm } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { webPaths } from '../paths';
import { CONNECT_PATH } from './connectBanner';
import type { JobView } from './homeJobProgress';
import { jobProgressCard } from './homeJobProgress';
import type { DetailRow } from './homePage';
import { connectionRows, detailsCard } from './homePage';
import { formatTime } from '../time';

/** Paths of the page and its actions. */
export const SETTINGS_SALESFORCE_PATHS = {
  page: webPaths.settingsSalesforce,
  update: `${webPaths.settingsSalesforce}/update`,
  reset: `${webPaths.settingsSalesforce}/reset`,
  unassignPrevious: `${webPaths.settingsSalesforce}/previous-user/unassign`,
  dismissPrevious: `${webPaths.settingsSalesforce}/previous-user/dismiss`,
} as const;

/** What the page shows. */
export interface SettingsSalesforceOptions {
  connection: Connection | null;
  isAdmin: boolean;
  csrfToken: string;
  job: JobView | null;
  /** The API usage chart (Salesforce's daily allowance and GRAX's own calls); null while not connected. */
  apiUsagePanel: SafeHtml | null;
  previousUser: PreviousUser | null;
}

function autoConfigMode(connection: Connection): string {
  return connection.mode === 'auto_config'
    ? 'On (connected with Auto Config)'
    : 'Off (Skip Auto Config: manual setup, checked by Verify)';
}

function previousUserPanel(options: SettingsSalesforceOptions, previous: PreviousUser): SafeHtml {
  const dismiss = postForm({
    action: SETTINGS_SALESFORCE_PATHS.dismissPrevious,
    csrfToken: options.csrfToken,
    label: 'Keep the previous user as it is',
    body: button({ label: 'Keep as it is', variant: 'neutral' }),
  });
  const offer = previous.sameOrg
    ? html`<p class="slds-m-bottom_small">
          GRAX now works through another integration user. The previous user, <strong>${previous.username}</strong>,
          may still hold the GRAX permission sets and the wide data access they grant. Remove them unless that user
          needs them for something else.
        </p>
        <div class="slds-grid slds-gutters_small">
          ${postForm({
            action: SETTINGS_SALESFORCE_PATHS.unassignPrevious,
            csrfToken: options.csrfToken,
            label: 'Remove the GRAX permission sets from the previous user',
            body: button({ label: `Remove GRAX permission sets from ${previous.username}`, variant: 'brand' }),
          })}
          ${dismiss}
        </div>`
    : html`<p class="slds-m-bottom_small">
          The previous integration user, <strong>${previous.username}</strong>, is in ${previous.orgName}, which GRAX is no
          longer connected to, so GRAX cannot change its permission sets. In ${previous.orgName}, open Setup > Users >
          ${previous.username} > Permission Set Assignments and remove GRAX_Integration_User and
          GRAX_Integration_User_Access.
        </p>
        ${dismiss}`;
  return html`<section class="slds-box slds-theme_default slds-m-bottom_medium" aria-labelledby="previous-user-heading">
    <h2 id="previous-user-heading" class="slds-text-heading_small slds-m-bottom_small">Previous integration user</h2>
    ${offer}
  </section>`;
}

function apiUsage(panel: SafeHtml): SafeHtml {
  return html`<section class="slds-box slds-theme_default slds-m-bottom_medium" aria-labelledby="api-usage-heading">
    <h2 id="api-usage-heading" class="slds-text-heading_small slds-m-bottom_small">API usage</h2>
    ${panel}
  </section>`;
}

function actions(): SafeHtml {
  return html`<section class="slds-box slds-theme_default slds-m-bottom_medium" aria-labelledby="actions-heading">
    <h2 id="actions-heading" class="slds-text-heading_small slds-m-bottom_small">Change the connection</h2>
    <p class="slds-m-bottom_small">
      Update signs in again to change the integration user or the org. Reset GRAX disconnects the org: GRAX stops
      working with it and Log in with Salesforce stops until it is connected again. Both ask you to confirm it is you.
    </p>
    <a class="slds-button slds-button_neutral" href="${SETTINGS_SALESFORCE_PATHS.update}">Update</a>
    <a class="slds-button slds-button_destructive" href="${SETTINGS_SALESFORCE_PATHS.reset}">Reset GRAX</a>
  </section>`;
}

/** The body of Settings > Salesforce. */
export function settingsSalesforceBody(options: SettingsSalesforceOptions): SafeHtml {
  const { connection } = options;
  if (!connection || connection.state === 'disconnected') {
    return html`<div class="slds-box slds-theme_default">
      <p>GRAX is not connected to Salesforce.</p>
      ${options.isAdmin ? html`<p class="slds-m-top_small"><a class="slds-button slds-button_brand" href="${CONNECT_PATH}">Connect to Salesforce</a></p>` : ''}
    </div>`;
  }
  const rows: DetailRow[] = [
    ...connectionRows(connection),
    { label: 'Login address', value: connection.loginUrl },
    { label: 'Auto Config', value: autoConfigMode(connection) },
    { label: 'Latest run', value: options.job?.status ?? 'None yet' },
  ];
  if (connection.lastError) {
    rows.push({
      label: 'Last problem',
      value: `${connection.lastError.message} (${formatTime(new Date(connection.lastError.at))})`,
    });
  }
  return html`${detailsCard('Salesforce connection', rows)}
  ${options.job ? jobProgressCard(options.job, SETTINGS_SALESFORCE_PATHS.page) : ''}
  ${options.apiUsagePanel ? apiUsage(options.apiUsagePanel) : ''}
  ${options.isAdmin && options.previousUser ? previousUserPanel(options, options.previousUser) : ''}
  ${options.isAdmin ? actions() : ''}`;
}

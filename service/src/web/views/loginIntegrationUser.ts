/** The page shown after an individual signed in as the integration user: why that is a problem and what to do. */
import type { SafeHtml } from '../html';
import { html } from '../html';

export const INTEGRATION_USER_WARNING_PATH = '/login/integration-user';

/** The body of the warning page. */
export function integrationUserWarningBody(model: { continueTo: string }): SafeHtml {
  return html`<div class="slds-box slds-theme_default">
    <p class="slds-m-bottom_small">
      The integration user is meant for GRAX alone. When people sign in with it, Salesforce's login history and GRAX
      Connect's audit log can no longer tell their actions apart from GRAX's, and a password or permission change made
      for a person can break GRAX's access to your org. This sign-in was recorded in the audit log, and GRAX's
      dedicated-user check reports it.
    </p>
    <h2 class="slds-text-heading_small slds-m-top_medium">What to do next</h2>
    <ul class="slds-list_dotted slds-m-top_x-small slds-m-bottom_medium">
      <li>Log out, then log in with Salesforce as your own user (assign yourself GRAX_Setup_Admin or GRAX_Viewer).</li>
      <li>Keep the integration user's password with the person who set up GRAX, and use it only for GRAX.</li>
    </ul>
    <a class="slds-button slds-button_neutral" href="${model.continueTo}">Continue to GRAX Connect</a>
  </div>`;
}

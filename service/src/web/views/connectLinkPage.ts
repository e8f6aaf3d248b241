/**
 * The page behind a connect link: which org GRAX Setup asked to connect and how, and one button that continues to
 * Salesforce. Nothing is consumed until the button is pressed (a POST with the CSRF token), so a link preview or a
 * reload does not use the link up.
 */
import type { ConnectLinkView } from '../../orgApi/connectLinks';
import { button, postForm } from '../forms';
import type { SafeHtml } from '../html';
import { attributes, html } from '../html';
import { formatTime } from '../time';

const MODES = {
  auto_config: 'Connect with Auto Config: GRAX creates its permission sets and assigns them to the integration user.',
  manual: 'Skip Auto Config: you set up the permission sets yourself, and GRAX checks them (Verify).',
} as const;

const ENVIRONMENTS = { production: 'Production', sandbox: 'Sandbox' } as const;

/** The body of the connect link page. */
export function connectLinkPage(input: {
  link: ConnectLinkView;
  token: string;
  action: string;
  csrfToken: string;
}): SafeHtml {
  const { link } = input;
  const org = link.orgName ? `${link.orgName} (${link.orgId})` : link.orgId;
  return html`<div class="slds-box slds-theme_default">
    <p class="slds-m-bottom_medium">GRAX Setup in your Salesforce org asked to connect GRAX to that org.</p>
    <dl class="slds-dl_horizontal slds-m-bottom_medium">
      <dt class="slds-dl_horizontal__label">Org</dt>
      <dd class="slds-dl_horizontal__detail" data-connect-org>${org}</dd>
      <dt class="slds-dl_horizontal__label">Environment</dt>
      <dd class="slds-dl_horizontal__detail">${ENVIRONMENTS[link.environment]}</dd>
      <dt class="slds-dl_horizontal__label">Setup</dt>
      <dd class="slds-dl_horizontal__detail" data-connect-mode>${MODES[link.mode]}</dd>
    </dl>
    <p class="slds-m-bottom_small">
      On the next page, sign in to Salesforce as the dedicated integration user of this org. GRAX refuses a sign-in to
      any other org.
    </p>
    <p class="slds-m-bottom_medium slds-text-color_weak">
      This link works once, until ${formatTime(link.expiresAt)}.
    </p>
    ${postForm({
      action: input.action,
      csrfToken: input.csrfToken,
      label: 'Continue to Salesforce',
      body: html`<input${attributes({ type: 'hidden', name: 'link', value: input.token })} />
        ${button({ label: 'Continue to Salesforce', variant: 'brand' })}`,
    })}
  </div>`;
}

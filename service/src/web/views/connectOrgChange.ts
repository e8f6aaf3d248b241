/**
 * The confirmation page of an org change: names the org GRAX is connected to and the org the admin just signed in
 * to, says what changes and what is kept, and offers Change org or Cancel (which revokes the new sign-in).
 */
import { button, hiddenField, postForm } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';

/** An org as the page names it. */
export interface OrgLine {
  id: string;
  name: string;
  username: string;
}

/** What the page shows. */
export interface OrgChangePageOptions {
  csrfToken: string;
  pendingId: string;
  previous: OrgLine | null;
  next: OrgLine;
  confirmPath: string;
  cancelPath: string;
}

function org(line: OrgLine): SafeHtml {
  return html`<strong>${line.name}</strong> (org ID ${line.id}, integration user ${line.username})`;
}

/** The body of the confirmation page. */
export function orgChangePageBody(options: OrgChangePageOptions): SafeHtml {
  const hidden = hiddenField('id', options.pendingId);
  return html`<div class="slds-box slds-theme_default">
    <div class="slds-notify slds-notify_alert slds-alert_warning slds-m-bottom_medium" role="alert">
      <h2>You signed in to a different org than the one GRAX is connected to.</h2>
    </div>
    <dl class="slds-list_horizontal slds-wrap slds-m-bottom_medium">
      <dt class="slds-item_label slds-text-color_weak">Connected now:</dt>
      <dd class="slds-item_detail" data-org="previous">${options.previous ? org(options.previous) : 'no org'}</dd>
      <dt class="slds-item_label slds-text-color_weak">You signed in to:</dt>
      <dd class="slds-item_detail" data-org="next">${org(options.next)}</dd>
    </dl>
    <p class="slds-m-bottom_small">
      If you change the org, GRAX works with ${options.next.name} from now on and revokes its authorization for
      ${options.previous?.name ?? 'the previous org'}. Nothing GRAX keeps of ${options.previous?.name ?? 'the previous org'}
      is deleted. If you cancel, the new sign-in is revoked and nothing changes.
    </p>
    <p class="slds-m-bottom_medium">This offer expires 10 minutes after you signed in.</p>
    <div class="slds-grid slds-gutters_small">
      ${postForm({
        action: options.confirmPath,
        csrfToken: options.csrfToken,
        label: 'Change org',
        body: html`${hidden}${button({ label: `Change GRAX to ${options.next.name}`, variant: 'destructive' })}`,
      })}
      ${postForm({
        action: options.cancelPath,
        csrfToken: options.csrfToken,
        label: 'Cancel org change',
        body: html`${hidden}${button({ label: 'Cancel', variant: 'neutral' })}`,
      })}
    </div>
  </div>`;
}

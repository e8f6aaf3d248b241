/**
 * Settings > Org link: the org link keys are for, the address Salesforce calls, the keys (id, created, by whom, last
 * used, status) and, for admins, creating, rotating and revoking them. A new key is shown once, in the response to
 * the form that created it, with the steps to paste it into GRAX Setup in the org.
 */
import type { FieldProblem } from '../../errors';
import type { LinkKeyView } from '../../orgApi/linkKeys';
import type { LinkOrg, OrgLinkOverview } from '../../orgApi/orgLink';
import { button, errorSummary, postForm, problemOf, textInput } from '../forms';
import type { SafeHtml } from '../html';
import { attributes, html } from '../html';
import { formatTime } from '../time';

/** Form targets under Settings > Org link. */
export const orgLinkActions = {
  create: (base: string) => `${base}/keys`,
  rotate: (base: string, keyId: string) => `${base}/keys/${encodeURIComponent(keyId)}/rotate`,
  revoke: (base: string, keyId: string) => `${base}/keys/${encodeURIComponent(keyId)}/revoke`,
  storeInOrg: (base: string) => `${base}/store-in-org`,
};

/** A key just created or rotated, shown this once. */
export interface IssuedKeyNotice {
  key: string;
  keyId: string;
  /** For a rotation: the replaced key and until when it keeps working. */
  replaced?: { keyId: string; worksUntil: Date };
}

/** Everything the page shows. */
export interface OrgLinkPageInput {
  overview: OrgLinkOverview;
  basePath: string;
  csrfToken: string;
  canManage: boolean;
  issued?: IssuedKeyNotice;
  notice?: string;
  problems?: FieldProblem[];
  orgIdValue?: string;
}

const STATE_LABELS = {
  connected: 'Connected',
  reauthorization_required: 'Needs to be reconnected',
  disconnected: 'Not connected',
} as const;

function issuedPanel(issued: IssuedKeyNotice): SafeHtml {
  return html`<section class="slds-box slds-theme_default slds-m-bottom_medium grax-issued-key" aria-labelledby="issued-heading">
    <h2 id="issued-heading" class="slds-text-heading_medium slds-m-bottom_small">Copy the new link key now</h2>
    <p class="slds-m-bottom_small">
      GRAX shows this key only once and keeps only a fingerprint of it. If you lose it, create another one.
    </p>
    <div class="slds-form-element slds-m-bottom_small">
      <label class="slds-form-element__label" for="issued-link-key">New link key (${issued.keyId})</label>
      <div class="slds-form-element__control">
        <input${attributes({
          id: 'issued-link-key',
          class: 'slds-input',
          type: 'text',
          readonly: true,
          value: issued.key,
          spellcheck: 'false',
          autocomplete: 'off',
          'data-link-key': true,
        })} />
      </div>
    </div>
    <h3 class="slds-text-heading_small slds-m-bottom_x-small">Paste it into GRAX Setup in Salesforce</h3>
    <ol class="slds-list_ordered slds-m-bottom_small">
      <li>In Salesforce, open the <strong>GRAX Setup</strong> tab.</li>
      <li>
        Under <strong>Link this org to GRAX</strong> (or <strong>Rotate the link key</strong> when the org is already
        linked), paste the key into <strong>Link key</strong>.
      </li>
      <li>Select <strong>Save link key</strong>. GRAX Setup stores it in External Credential GRAX_Service.</li>
    </ol>
    ${
      issued.replaced
        ? html`<p>
            The old key ${issued.replaced.keyId} keeps working until ${formatTime(issued.replaced.worksUntil)}: paste
            the new key before then.
          </p>`
        : ''
    }
  </section>`;
}

function orgSection(org: LinkOrg | null): SafeHtml {
  return html`<section class="slds-m-bottom_large" aria-labelledby="org-heading">
    <h2 id="org-heading" class="slds-text-heading_medium slds-m-bottom_small">Org</h2>
    ${
      org
        ? html`<p>
            Link keys are issued for <strong data-link-org>${org.orgName} (${org.orgId})</strong>: a key works only for
            calls from this org. Connection: ${STATE_LABELS[org.connectionState]}.
          </p>`
        : html`<p>
            GRAX is not connected to an org yet. To link an org first, enter its org id when you create a key (in
            Salesforce: Setup &gt; Company Information &gt; Salesforce.com Organization ID).
          </p>`
    }
  </section>`;
}

function addressSection(overview: OrgLinkOverview): SafeHtml {
  return html`<section class="slds-m-bottom_large" aria-labelledby="address-heading">
    <h2 id="address-heading" class="slds-text-heading_medium slds-m-bottom_small">Service address</h2>
    <p>
      GRAX Setup calls this service at <strong data-public-url>${overview.publicUrl}</strong> (PUBLIC_URL) through Named
      Credential GRAX_Service. Enter this address in GRAX Setup under <strong>Service address</strong>.
    </p>
    ${
      overview.publicUrlProblem
        ? html`<div class="slds-scoped-notification slds-theme_warning slds-m-top_small" role="note" data-address-warning>
            <p>${overview.publicUrlProblem}</p>
            <p>Set PUBLIC_URL to the service's public https:// address and restart it.</p>
          </div>`
        : ''
    }
  </section>`;
}

function statusText(key: LinkKeyView): string {
  switch (key.status) {
    case 'active':
      return 'Active';
    case 'expiring':
      return `Rotated: works until ${formatTime(key.expiresAt)}`;
    case 'expired':
      return 'Expired';
    case 'revoked':
      return 'Revoked';
  }
}

function keyActions(key: LinkKeyView, input: OrgLinkPageInput): SafeHtml {
  if (key.status !== 'active' && key.status !== 'expiring') return html``;
  const assistive = html`<span class="slds-assistive-text"> key ${key.keyId}</span>`;
  return html`<div class="slds-grid slds-gutters_xx-small">
    ${
      key.status === 'active'
        ? postForm({
            action: orgLinkActions.rotate(input.basePath, key.keyId),
            csrfToken: input.csrfToken,
            body: html`<button class="slds-button slds-button_neutral" type="submit">Rotate${assistive}</button>`,
          })
        : ''
    }
    ${postForm({
      action: orgLinkActions.revoke(input.basePath, key.keyId),
      csrfToken: input.csrfToken,
      confirm: `Revoke link key ${key.keyId}? GRAX Setup in the org stops working with it at once.`,
      body: html`<button class="slds-button slds-button_destructive" type="submit">Revoke${assistive}</button>`,
    })}
  </div>`;
}

function keysTable(input: OrgLinkPageInput): SafeHtml {
  const { keys } = input.overview;
  if (keys.length === 0) return html`<p data-no-keys>No link keys yet.</p>`;
  // Cells wrap (SLDS tables do not by default), so seven columns fit the page instead of widening it.
  const column = (label: string) => html`<th scope="col" class="slds-cell-wrap">${label}</th>`;
  return html`<table class="slds-table slds-table_bordered slds-table_cell-buffer" data-link-keys>
    <caption class="slds-assistive-text">Link keys</caption>
    <thead>
      <tr class="slds-line-height_reset">
        ${column('Key id')}${column('Org')}${column('Created')}${column('Created by')}${column('Last used')}
        ${column('Status')}${input.canManage ? column('Actions') : ''}
      </tr>
    </thead>
    <tbody>
      ${keys.map(
        (key) => html`<tr data-key-id="${key.keyId}">
          <th scope="row" class="slds-cell-wrap"><code>${key.keyId}</code></th>
          <td class="slds-cell-wrap">${key.orgId}</td>
          <td class="slds-cell-wrap">${formatTime(key.createdAt)}</td>
          <td class="slds-cell-wrap">${key.createdBy.name}</td>
          <td class="slds-cell-wrap">${formatTime(key.lastUsedAt)}</td>
          <td class="slds-cell-wrap" data-key-status>
            ${statusText(key)}${
              key.storedInOrgByAutoConfig
                ? html`<br /><span class="slds-text-color_weak">Stored in Salesforce by Auto Config</span>`
                : ''
            }
          </td>
          ${input.canManage ? html`<td class="slds-cell-wrap">${keyActions(key, input)}</td>` : ''}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function manageSection(input: OrgLinkPageInput): SafeHtml {
  const { org } = input.overview;
  const create = postForm({
    action: orgLinkActions.create(input.basePath),
    csrfToken: input.csrfToken,
    label: 'Create link key',
    body: html`${
      org
        ? ''
        : textInput({
            name: 'orgId',
            label: 'Salesforce org id',
            value: input.orgIdValue,
            required: true,
            maxlength: 18,
            spellcheck: false,
            autocomplete: 'off',
            help: '15 or 18 characters starting with 00D.',
            error: problemOf(input.problems, 'orgId'),
          })
    }
    ${button({ label: 'Create link key', variant: 'brand' })}`,
  });
  const storeInOrg =
    org && org.autoConfigCanStoreKey
      ? html`<div class="slds-m-top_medium">
          <p class="slds-m-bottom_x-small">
            Or let Auto Config store a new key in Salesforce itself (the connected integration user needs Manage Named
            Credentials or Customize Application). The key it replaces is revoked once the new one is stored.
          </p>
          ${
            input.overview.rotationPending
              ? html`<p data-rotation-pending>Auto Config has been asked to store a new key and has not done it yet.</p>`
              : postForm({
                  action: orgLinkActions.storeInOrg(input.basePath),
                  csrfToken: input.csrfToken,
                  body: button({ label: 'Store a new key through Auto Config' }),
                })
          }
        </div>`
      : '';
  return html`<section class="slds-m-bottom_large" aria-labelledby="create-heading">
    <h2 id="create-heading" class="slds-text-heading_medium slds-m-bottom_small">New link key</h2>
    ${errorSummary(input.problems ?? [])} ${create} ${storeInOrg}
  </section>`;
}

/** The body of Settings > Org link. */
export function orgLinkPage(input: OrgLinkPageInput): SafeHtml {
  return html`${
    input.notice
      ? html`<div class="slds-notify slds-notify_alert slds-theme_success slds-m-bottom_medium" role="status">
        <span class="slds-assistive-text">Success</span>
        <h2>${input.notice}</h2>
      </div>`
      : ''
  }
    ${input.issued ? issuedPanel(input.issued) : ''} ${orgSection(input.overview.org)} ${addressSection(input.overview)}
    <section class="slds-m-bottom_large" aria-labelledby="keys-heading">
      <h2 id="keys-heading" class="slds-text-heading_medium slds-m-bottom_small">Link keys</h2>
      <p class="slds-m-bottom_small">
        GRAX Setup in the org sends its link key with every call. A rotated key keeps working for 10 minutes; a revoked
        key stops at once; Reset GRAX revokes every key.
      </p>
      ${keysTable(input)}
    </section>
    ${
      input.canManage
        ? manageSection(input)
        : html`<p class="slds-text-color_weak" data-read-only>Only GRAX admins can create, rotate or revoke link keys.</p>`
    }`;
}

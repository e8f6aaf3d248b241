/**
 * The home page of a connected GRAX: the connection card (org, integration user, environment, org type, connected
 * since), the live progress of Auto Config or Verify, and the permission engine's summary panel; plus the banners the
 * home page and Settings > Salesforce share (notes of the last connect, no local admin).
 */
import { formatTime } from '../time';
import type { ConnectNote } from '../../connection/notes';
import type { Connection } from '../../domain/connection';
import type { HtmlValue, SafeHtml } from '../html';
import { html } from '../html';
import type { Banner } from '../layout';
import { webPaths } from '../paths';
import type { JobView } from './homeJobProgress';
import { jobProgressCard } from './homeJobProgress';

/** A labelled value of the connection card. */
export interface DetailRow {
  label: string;
  value: HtmlValue;
}

const ORG_TYPE_LABELS: Record<string, string> = {
  production: 'Production',
  developer: 'Developer Edition',
  sandbox: 'Sandbox',
  scratch: 'Scratch org',
};

const STATE_LABELS: Record<Connection['state'], string> = {
  connected: 'Connected',
  reauthorization_required: 'Needs to be reconnected',
  disconnected: 'Disconnected',
};

/** The rows every view of a connection shows. */
export function connectionRows(connection: Connection): DetailRow[] {
  return [
    {
      label: 'Org',
      value: html`${connection.orgName} <span class="slds-text-color_weak">(${connection.orgId})</span>`,
    },
    { label: 'Integration user', value: connection.username },
    { label: 'Environment', value: connection.environment === 'sandbox' ? 'Sandbox' : 'Production' },
    { label: 'Org type', value: ORG_TYPE_LABELS[connection.orgType ?? ''] ?? connection.orgType ?? 'Unknown' },
    { label: 'Connected since', value: formatTime(connection.connectedAt) },
    { label: 'Status', value: STATE_LABELS[connection.state] },
  ];
}

/** A card of labelled values. */
export function detailsCard(title: string, rows: DetailRow[]): SafeHtml {
  return html`<section class="slds-box slds-theme_default slds-m-bottom_medium" aria-labelledby="card-${title.replace(/\W+/g, '-')}">
    <h2 id="card-${title.replace(/\W+/g, '-')}" class="slds-text-heading_small slds-m-bottom_small">${title}</h2>
    <dl class="slds-dl_horizontal">
      ${rows.map(
        (row) => html`<dt class="slds-dl_horizontal__label slds-text-color_weak">${row.label}</dt>
          <dd class="slds-dl_horizontal__detail">${row.value}</dd>`,
      )}
    </dl>
  </section>`;
}

/** Notes of the last connect as banners. */
export function noteBanners(notes: ConnectNote[]): Banner[] {
  return notes.map((note) => ({ kind: note.kind, message: note.message }));
}

/** Shown while no active local admin exists: after Reset, only local users can sign in. */
export const NO_LOCAL_ADMIN_BANNER: Banner = {
  kind: 'warning',
  message: 'Set up a local user before resetting GRAX if access is needed.',
  action: { label: 'Settings > Users', href: webPaths.settingsUsers },
};

/** What the home page shows. */
export interface HomePageOptions {
  connection: Connection;
  job: JobView | null;
  /** The permission engine's summary panel. */
  summaryPanel: SafeHtml;
}

/** The body of the home page. */
export function homePageBody(options: HomePageOptions): SafeHtml {
  return html`${detailsCard('Salesforce connection', connectionRows(options.connection))}
  ${options.job ? jobProgressCard(options.job, webPaths.home) : ''} ${options.summaryPanel}`;
}

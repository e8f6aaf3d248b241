/**
 * The page shell every view renders into: SLDS styles served locally, a skip link, the header with the product name
 * and the signed-in user, the main navigation (signed-in users only), a banner area and the page's main content.
 * No inline script or style anywhere (the CSP forbids them); behaviour lives in /web/assets/app.js.
 */
import { csrfField } from './forms';
import type { HtmlValue, SafeHtml } from './html';
import { html } from './html';
import { webPaths } from './paths';

/** The signed-in user as the header shows them. */
export interface PageUser {
  displayName: string;
  role: 'admin' | 'viewer';
}

/** A message across the top of the page (e.g. permission drift, missing local admin). */
export interface Banner {
  kind: 'info' | 'success' | 'warning' | 'error';
  message: HtmlValue;
  action?: { label: string; href: string };
}

export type NavKey = 'home' | 'salesforce' | 'sso' | 'users' | 'orgLink' | 'audit';

/** What the layout needs besides the page body. */
export interface LayoutOptions {
  /** Document title and, unless `heading` is given, the page's h1. */
  title: string;
  heading?: string;
  body: SafeHtml;
  user: PageUser | null;
  /** The CSRF token for the logout form and for scripts (meta tag); null on pages with no session or browser id. */
  csrfToken: string | null;
  activeNav?: NavKey;
  banners?: Banner[];
}

const NAV_SECTIONS: { title: string; items: { key: NavKey; label: string; href: string }[] }[] = [
  { title: 'GRAX Connect', items: [{ key: 'home', label: 'Home', href: webPaths.home }] },
  {
    title: 'Settings',
    items: [
      { key: 'salesforce', label: 'Salesforce', href: webPaths.settingsSalesforce },
      { key: 'sso', label: 'SSO access', href: webPaths.settingsSso },
      { key: 'users', label: 'Users', href: webPaths.settingsUsers },
      { key: 'orgLink', label: 'Org link', href: webPaths.settingsOrgLink },
    ],
  },
  { title: 'Activity', items: [{ key: 'audit', label: 'Audit log', href: webPaths.audit }] },
];

const BANNER_THEME: Record<Banner['kind'], { className: string; assistive: string }> = {
  info: { className: 'slds-theme_info', assistive: 'Information' },
  success: { className: 'slds-theme_success', assistive: 'Success' },
  warning: { className: 'slds-alert_warning', assistive: 'Warning' },
  error: { className: 'slds-alert_error', assistive: 'Error' },
};

function navigation(active: NavKey | undefined): SafeHtml {
  return html`<nav class="slds-nav-vertical grax-nav" aria-label="GRAX Connect">
    ${NAV_SECTIONS.map((section, index) => {
      const headingId = `grax-nav-section-${index}`;
      return html`<div class="slds-nav-vertical__section">
        <h2 id="${headingId}" class="slds-nav-vertical__title">${section.title}</h2>
        <ul aria-describedby="${headingId}">
          ${section.items.map((item) =>
            item.key === active
              ? html`<li class="slds-nav-vertical__item slds-is-active">
                  <a class="slds-nav-vertical__action" href="${item.href}" aria-current="page">${item.label}</a>
                </li>`
              : html`<li class="slds-nav-vertical__item">
                  <a class="slds-nav-vertical__action" href="${item.href}">${item.label}</a>
                </li>`,
          )}
        </ul>
      </div>`;
    })}
  </nav>`;
}

function banner(item: Banner): SafeHtml {
  const theme = BANNER_THEME[item.kind];
  const role = item.kind === 'warning' || item.kind === 'error' ? 'alert' : 'status';
  return html`<div class="slds-notify slds-notify_alert ${theme.className}" role="${role}">
    <span class="slds-assistive-text">${theme.assistive}</span>
    <h2>${item.message} ${item.action ? html` <a href="${item.action.href}">${item.action.label}</a>` : ''}</h2>
  </div>`;
}

function header(user: PageUser | null, csrfToken: string | null): SafeHtml {
  const account =
    user === null
      ? ''
      : html`<div class="grax-account slds-grid slds-grid_vertical-align-center">
          <span class="slds-m-right_small">
            ${user.displayName}
            <span class="slds-badge slds-m-left_x-small">${user.role === 'admin' ? 'Admin' : 'Viewer'}</span>
          </span>
          <form method="post" action="${webPaths.logout}">
            ${csrfField(csrfToken ?? '')}
            <button class="slds-button slds-button_neutral" type="submit">Log out</button>
          </form>
        </div>`;
  return html`<header class="grax-header slds-grid slds-grid_align-spread slds-grid_vertical-align-center">
    <a class="grax-brand" href="${webPaths.home}">GRAX Connect</a>
    ${account}
  </header>`;
}

/** Renders a complete HTML document. */
export function layout(options: LayoutOptions): SafeHtml {
  const banners = options.banners ?? [];
  const main = html`<main id="main" class="grax-main" tabindex="-1">
    <h1 class="slds-text-heading_large slds-m-bottom_medium">${options.heading ?? options.title}</h1>
    ${options.body}
  </main>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${options.csrfToken ? html`<meta name="csrf-token" content="${options.csrfToken}" />` : ''}
        <title>${options.title} · GRAX Connect</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${webPaths.sldsAssets}/styles/salesforce-lightning-design-system.min.css" />
        <link rel="stylesheet" href="${webPaths.assets}/app.css" />
        <script src="${webPaths.assets}/app.js" defer></script>
      </head>
      <body>
        <a class="grax-skip-link" href="#main">Skip to main content</a>
        ${header(options.user, options.csrfToken)}
        ${banners.length > 0 ? html`<div class="grax-banners">${banners.map(banner)}</div>` : ''}
        ${
          options.user
            ? html`<div class="grax-shell">${navigation(options.activeNav)}${main}</div>`
            : html`<div class="grax-shell grax-shell_single">${main}</div>`
        }
      </body>
    </html> `;
}

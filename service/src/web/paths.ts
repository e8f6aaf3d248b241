/** Browser-facing paths of the web app, so views, redirects and feature routers agree on them. */
export const webPaths = {
  home: '/web',
  login: '/login',
  logout: '/logout',
  firstAdmin: '/login/first-admin',
  settingsSalesforce: '/web/settings/salesforce',
  settingsSso: '/web/settings/sso',
  settingsUsers: '/web/settings/users',
  settingsOrgLink: '/web/settings/org-link',
  audit: '/web/audit',
  assets: '/web/assets',
  sldsAssets: '/web/assets/slds',
} as const;

/** Paths of the org-facing JSON API (bearer link keys, no cookies, no CSRF). */
export const orgApiPrefix = '/api/org/';

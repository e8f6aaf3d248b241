/** Paths of the permission pages and actions, shared by the routes and the views. */
export const permissionPaths = {
  checklist: '/web/permissions',
  preview: '/web/permissions/preview',
  orgAccess: '/web/permissions/org-access.zip',
  scan: '/web/permissions/scan',
  autoFix: '/web/permissions/autofix',
  verify: '/web/permissions/verify',
  settings: '/web/permissions/settings',
  status: '/web/permissions/status.json',
} as const;

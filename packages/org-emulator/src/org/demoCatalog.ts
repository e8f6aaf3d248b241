/**
 * The seeded demo world, documented as constants: orgs (ids, My Domains, login hosts), every demo user with their
 * password and purpose, the GRAX package components installed in the Acme orgs, and the demo External Client App
 * that the HTTP layer registers. `npm start` prints the users from here. Nothing here is a real credential.
 */

/** Keys of the seeded orgs. */
export type DemoOrgKey = 'acmeProduction' | 'acmeSandbox' | 'globex';

/** One seeded org. */
export interface DemoOrg {
  key: DemoOrgKey;
  id: string;
  name: string;
  kind: 'production' | 'sandbox' | 'developer' | 'scratch';
  isSandbox: boolean;
  myDomain: string;
  instanceName: string;
  loginHost: 'production' | 'sandbox';
  organizationType: string;
  /** The two instance characters of every id issued in this org. */
  idInstance: string;
  dailyApiRequestsMax: number;
}

/** The seeded orgs. */
export const DEMO_ORGS: Readonly<Record<DemoOrgKey, DemoOrg>> = {
  acmeProduction: {
    key: 'acmeProduction',
    id: '00D5g0000004CSwEAM',
    name: 'Acme Production',
    kind: 'production',
    isSandbox: false,
    myDomain: 'acme',
    instanceName: 'USA1023',
    loginHost: 'production',
    organizationType: 'Enterprise Edition',
    idInstance: '5g',
    dailyApiRequestsMax: 15000,
  },
  acmeSandbox: {
    key: 'acmeSandbox',
    id: '00D7Q0000008PTjUAM',
    name: 'Acme Sandbox',
    kind: 'sandbox',
    isSandbox: true,
    myDomain: 'acme--uat',
    instanceName: 'USA1023S',
    loginHost: 'sandbox',
    organizationType: 'Enterprise Edition',
    idInstance: '7Q',
    dailyApiRequestsMax: 15000,
  },
  globex: {
    key: 'globex',
    id: '00D8d000000CcUNEA0',
    name: 'Globex Corporation',
    kind: 'production',
    isSandbox: false,
    myDomain: 'globex',
    instanceName: 'USA878',
    loginHost: 'production',
    organizationType: 'Unlimited Edition',
    idInstance: '8d',
    dailyApiRequestsMax: 15000,
  },
};

/** Personas seeded in both Acme orgs. */
export type AcmePersona =
  | 'integration'
  | 'restrictedIntegration'
  | 'apiOnly'
  | 'apiDisabled'
  | 'inactive'
  | 'ssoAdmin'
  | 'viewer'
  | 'standard'
  | 'mutedGroupAdmin'
  | 'expiredAdmin';

/** Personas seeded in Globex. */
export type GlobexPersona = 'admin' | 'adminWithoutAppApproval';

/** One demo user: how to log in and what the user is for. */
export interface DemoUser {
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  email: string;
  profile: string;
  purpose: string;
}

interface AcmePersonaSpec {
  local: string;
  password: string;
  firstName: string;
  lastName: string;
  profile: string;
  purpose: string;
}

const ACME_PERSONAS: Readonly<Record<AcmePersona, AcmePersonaSpec>> = {
  integration: {
    local: 'grax.integration',
    password: 'Integration#2026',
    firstName: 'GRAX',
    lastName: 'Integration',
    profile: 'GRAX Integration',
    purpose:
      'Integration user for Auto Config: API Enabled, View Setup, Manage Profiles and Permission Sets, Assign Permission Sets, Customize Application; reads only Account and Contact (a few fields).',
  },
  restrictedIntegration: {
    local: 'grax.restricted',
    password: 'Restricted#2026',
    firstName: 'Restricted',
    lastName: 'Integration',
    profile: 'GRAX Restricted Integration',
    purpose:
      'API enabled and can view setup, but cannot create or assign permission sets (Auto Config must fail clearly).',
  },
  apiOnly: {
    local: 'grax.apionly',
    password: 'ApiOnly#2026',
    firstName: 'API Only',
    lastName: 'Integration',
    profile: 'Minimum Access - API Only Integrations',
    purpose: 'Salesforce Integration license, API Only User: cannot log in interactively (web-server flow refused).',
  },
  apiDisabled: {
    local: 'no.api',
    password: 'NoApi#2026',
    firstName: 'Nora',
    lastName: 'Noapi',
    profile: 'Acme Standard (No API)',
    purpose: 'Active user without API Enabled: every API call answers API_DISABLED_FOR_ORG.',
  },
  inactive: {
    local: 'former.admin',
    password: 'Inactive#2026',
    firstName: 'Fiona',
    lastName: 'Former',
    profile: 'System Administrator',
    purpose: 'Deactivated administrator: logins fail with "inactive user".',
  },
  ssoAdmin: {
    local: 'admin',
    password: 'Admin#2026',
    firstName: 'Ada',
    lastName: 'Admin',
    profile: 'System Administrator',
    purpose: 'GRAX admin for SSO: System Administrator with permission set GRAX_Setup_Admin (GRAX_Manage_Connection).',
  },
  viewer: {
    local: 'viewer',
    password: 'Viewer#2026',
    firstName: 'Victor',
    lastName: 'Viewer',
    profile: 'Standard User',
    purpose: 'GRAX viewer for SSO: Standard User with permission set GRAX_Viewer (GRAX_View).',
  },
  standard: {
    local: 'standard',
    password: 'Standard#2026',
    firstName: 'Sam',
    lastName: 'Standard',
    profile: 'Standard User',
    purpose: 'Standard User with no GRAX role: SSO must refuse.',
  },
  mutedGroupAdmin: {
    local: 'group.admin',
    password: 'Group#2026',
    firstName: 'Gail',
    lastName: 'Group',
    profile: 'System Administrator',
    purpose:
      'Holds GRAX_Setup_Admin only through permission set group GRAX_Admins_Muted, whose muting set mutes GRAX_Manage_Connection: effective role is viewer.',
  },
  expiredAdmin: {
    local: 'contractor',
    password: 'Contractor#2026',
    firstName: 'Chris',
    lastName: 'Contractor',
    profile: 'Standard User',
    purpose: 'Was assigned GRAX_Setup_Admin until 2025-12-31: the assignment has expired, so no GRAX role.',
  },
};

/** Expiration date of the expired GRAX_Setup_Admin assignment. */
export const EXPIRED_ASSIGNMENT_DATE = '2025-12-31T23:59:59.000+0000';

function acmeUsers(domainSuffix: string): Readonly<Record<AcmePersona, DemoUser>> {
  const out = {} as Record<AcmePersona, DemoUser>;
  for (const [persona, spec] of Object.entries(ACME_PERSONAS) as [AcmePersona, AcmePersonaSpec][]) {
    out[persona] = {
      username: `${spec.local}@acme.example${domainSuffix}`,
      password: spec.password,
      firstName: spec.firstName,
      lastName: spec.lastName,
      email: `${spec.local}@acme.example`,
      profile: spec.profile,
      purpose: spec.purpose,
    };
  }
  return out;
}

/** Every demo user, by org and persona. Sandbox usernames carry the sandbox name, as Salesforce appends it. */
export const DEMO_USERS = {
  acmeProduction: acmeUsers(''),
  acmeSandbox: acmeUsers('.uat'),
  globex: {
    admin: {
      username: 'admin@globex.example',
      password: 'GlobexAdmin#2026',
      firstName: 'Gus',
      lastName: 'Globex',
      email: 'admin@globex.example',
      profile: 'System Administrator',
      purpose:
        'Administrator with "Approve Uninstalled Connected Apps": may use the demo app although it is not installed in Globex.',
    },
    adminWithoutAppApproval: {
      username: 'ops.admin@globex.example',
      password: 'GlobexOps#2026',
      firstName: 'Olga',
      lastName: 'Operations',
      email: 'ops.admin@globex.example',
      profile: 'Globex Operations Admin',
      purpose:
        'Administrator without "Approve Uninstalled Connected Apps": OAuth with the uninstalled demo app is blocked (OAUTH_APP_BLOCKED).',
    },
  } satisfies Record<GlobexPersona, DemoUser>,
} as const;

/** Names of the GRAX package components installed in both Acme orgs (not in Globex). */
export const GRAX_PACKAGE = {
  customPermissions: { manageConnection: 'GRAX_Manage_Connection', view: 'GRAX_View' },
  permissionSets: { setupAdmin: 'GRAX_Setup_Admin', viewer: 'GRAX_Viewer', integrationUser: 'GRAX_Integration_User' },
  integrationUserLabel: 'GRAX Integration User',
  mutedGroup: { group: 'GRAX_Admins_Muted', muting: 'GRAX_Admins_Muted_Muting' },
  externalCredential: 'GRAX_Service',
  principal: 'Link',
  namedCredential: 'GRAX_Service',
  namedCredentialPlaceholderUrl: 'https://grax-service.invalid',
  apexClasses: ['GraxSetupController', 'GraxServiceClient', 'GraxNamedCredentials'],
} as const;

/** The demo External Client App (consumer key/secret are demo values, valid only against the emulator). */
export const DEMO_CLIENT_APP = {
  name: 'GRAX Connect',
  clientId: '3MVG9GRAXDemoConnectEmulatorOnly.ExternalClientApp.AcmeDemo0000000000000000000000000001',
  clientSecret: 'F2C6A1D9E84B47C0B3E5D7A9C1F3E5A7B9D1F3A5C7E9B1D3F5A7C9E1B3D5F7A9',
  requireSecret: true,
  refreshTokenRotation: false,
  callbackUrls: ['http://localhost:3000/oauth/callback'],
  scopes: ['api', 'refresh_token', 'id'],
  installedInOrgIds: [DEMO_ORGS.acmeProduction.id, DEMO_ORGS.acmeSandbox.id],
} as const;

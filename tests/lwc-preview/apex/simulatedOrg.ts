// The org side of GRAX Setup in the local preview. What the org stores (the Named Credential URL, the GRAX_Settings__c
// custom setting, the External Credential principal's link key) lives in localStorage, so saving in the page sticks
// across reloads; what the org knows about the user (org id, custom permission, right to edit named credentials)
// comes from the page's query string: ?serviceUrl=&linkKey=&orgId=&canEdit=false&manage=false&principalAccess=false.

export const PLACEHOLDER_URL = 'https://grax-service.invalid';
export const DEFAULT_ORG_ID = '00D5g000004XyZaEAK';

const STORAGE_KEYS = {
  namedCredentialUrl: 'grax-preview.namedCredentialUrl',
  savedServiceUrl: 'grax-preview.savedServiceUrl',
  linkKey: 'grax-preview.linkKey',
} as const;

export interface SimulatedOrg {
  orgId: string;
  mayManage: boolean;
  canEditNamedCredentials: boolean;
  /**
   * Whether the user may use principal GRAX_Service - Link (and read User External Credentials); without it every
   * callout fails as Salesforce fails it.
   */
  principalAccess: boolean;
  namedCredentialUrl: string;
  savedServiceUrl: string | null;
  linkKey: string | null;
}

/** Reads the simulated org, first copying serviceUrl and linkKey from the query string into empty storage. */
export function readOrg(search: string = window.location.search, storage: Storage = window.localStorage): SimulatedOrg {
  const query = new URLSearchParams(search);
  seed(storage, STORAGE_KEYS.namedCredentialUrl, query.get('serviceUrl'));
  seed(storage, STORAGE_KEYS.linkKey, query.get('linkKey'));
  return {
    orgId: query.get('orgId') || DEFAULT_ORG_ID,
    mayManage: query.get('manage') !== 'false',
    canEditNamedCredentials: query.get('canEdit') !== 'false',
    principalAccess: query.get('principalAccess') !== 'false',
    namedCredentialUrl: storage.getItem(STORAGE_KEYS.namedCredentialUrl) || PLACEHOLDER_URL,
    savedServiceUrl: storage.getItem(STORAGE_KEYS.savedServiceUrl),
    linkKey: storage.getItem(STORAGE_KEYS.linkKey),
  };
}

/** Sets the Named Credential's URL, as ConnectApi.NamedCredentials.updateNamedCredential does. */
export function setNamedCredentialUrl(url: string, storage: Storage = window.localStorage): void {
  storage.setItem(STORAGE_KEYS.namedCredentialUrl, url);
}

/** Keeps the address in the GRAX_Settings__c stand-in. */
export function rememberServiceUrl(url: string, storage: Storage = window.localStorage): void {
  storage.setItem(STORAGE_KEYS.savedServiceUrl, url);
}

/** Stores the link key, as ConnectApi.NamedCredentials.createCredential/updateCredential do. */
export function storeLinkKey(key: string, storage: Storage = window.localStorage): void {
  storage.setItem(STORAGE_KEYS.linkKey, key);
}

function seed(storage: Storage, key: string, value: string | null): void {
  if (value && storage.getItem(key) === null) {
    storage.setItem(key, value);
  }
}

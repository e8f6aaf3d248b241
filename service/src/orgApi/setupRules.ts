/**
 * The rules GRAX Setup (in the org) and the service must apply alike, defined once: the text form of a link key and
 * the service-address rule (which addresses Salesforce can call out to). The service and the LWC preview import this
 * module; `npm run generate:org-api` writes it into the package as Apex class GraxRules and LWC module c/graxRules
 * (this file compiled to JavaScript), and writes GraxRules_Tests from setupRules.examples.json, which the TypeScript
 * and LWC tests run too. It imports nothing, so it compiles to a browser module as it is.
 *
 * Patterns use only the regular-expression syntax JavaScript and Java (Apex's Pattern) share: no named groups, no
 * lookbehind, no flags; text is lower-cased before it is matched. Addresses are split by ADDRESS_SHAPE rather than by
 * each platform's URL parser, because the WHATWG URL parser (JavaScript) and java.net.URL (Apex) normalise hosts
 * differently (`https://127.1` is 127.0.0.1 to one and a name to the other); one pattern gives one answer everywhere.
 */

/** Every link key starts with this. */
export const LINK_KEY_PREFIX = 'gxk_';
/** Characters of the key id (16 random bytes, base64url). */
export const LINK_KEY_ID_LENGTH = 22;
/** Characters of the secret (32 random bytes, base64url). */
export const LINK_KEY_SECRET_LENGTH = 43;
/** `gxk_<key id>_<secret>`: both parts are base64url and may contain `_`, so a key is split by position. */
export const LINK_KEY_PATTERN = '^gxk_[A-Za-z0-9_-]{22}_[A-Za-z0-9_-]{43}$';
/** What GRAX Setup says when the pasted text is not a link key. */
export const LINK_KEY_REFUSAL =
  'That is not a GRAX link key. A link key starts with gxk_ and is 70 characters long: copy it again from GRAX Settings > Org link.';

const LINK_KEY = new RegExp(LINK_KEY_PATTERN);

/** Whether candidate is exactly a link key (no surrounding space). */
export function isLinkKey(candidate: string | null | undefined): boolean {
  return typeof candidate === 'string' && LINK_KEY.test(candidate);
}

/**
 * scheme, optional user info, host (a name or a bracketed IPv6 address), optional port of up to 5 digits, and the
 * rest (path, query, fragment). Matched against the lower-cased address.
 */
export const ADDRESS_SHAPE =
  '^([a-z][a-z0-9+.-]*)://(?:([^/?#@]*)@)?(\\[[0-9a-f:.]*\\]|[^\\s/?#:@\\[\\]]+)(?::([0-9]{0,5}))?([/?#].*)?$';

/** Hosts Salesforce cannot reach from the internet, each with the reason; matched whole against the lower-cased host. */
export const NON_PUBLIC_HOSTS: readonly { pattern: string; reason: string }[] = [
  { pattern: '(.*\\.)?localhost', reason: 'this machine (RFC 6761)' },
  {
    pattern: '.*\\.(local|internal|home\\.arpa)',
    reason: 'names that resolve only inside a network: .local (RFC 6762), .internal (ICANN), .home.arpa (RFC 8375)',
  },
  { pattern: '.*\\.invalid', reason: 'never resolves (RFC 6761); the packaged placeholder is grax-service.invalid' },
  { pattern: '[^.\\[\\]]+', reason: 'a name without a dot resolves only inside a network' },
  {
    pattern:
      '(0|10|127)(\\.[0-9]+){3}|169\\.254(\\.[0-9]+){2}|172\\.(1[6-9]|2[0-9]|3[01])(\\.[0-9]+){2}|192\\.168(\\.[0-9]+){2}|100\\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])(\\.[0-9]+){2}|(22[4-9]|2[3-5][0-9])(\\.[0-9]+){3}',
    reason:
      'IPv4 this-network, private, loopback, link-local, shared (RFC 6598), multicast and reserved ranges (RFC 6890)',
  },
  {
    pattern: '(?!([0-9]{1,3}\\.){3}[0-9]{1,3}$)([^.]+\\.)*(0x[0-9a-f]*|[0-9]+)',
    reason: 'an IPv4 address in another form than four decimal numbers (0x7f.1), which resolvers may read as private',
  },
  {
    pattern: '\\[(::|::1|::ffff:.*|f[cd][0-9a-f]{2}:.*|fe[89ab][0-9a-f]:.*)\\]',
    reason: 'IPv6 unspecified, loopback, IPv4-mapped, unique-local (fc00::/7) and link-local (fe80::/10) addresses',
  },
];

/** All of NON_PUBLIC_HOSTS as one pattern. */
export const NON_PUBLIC_HOST_PATTERN = `^(?:${NON_PUBLIC_HOSTS.map((host) => host.pattern).join('|')})$`;

/** Ports Salesforce calls out to over HTTPS besides the default 443. */
export const LOWEST_HIGH_PORT = 1024;
export const HIGHEST_PORT = 65535;

/** What can be wrong with a service address, in the order it is checked. */
export type ServiceAddressProblem =
  'NOT_A_URL' | 'NOT_PUBLIC_HOST' | 'NOT_HTTPS' | 'PORT_NOT_ALLOWED' | 'NOT_BASE_ADDRESS';

/** The outcome of checkServiceAddress. */
export interface ServiceAddressCheck {
  /** The address as it would be stored: trimmed, without one trailing `/`. */
  address: string;
  /** The lower-cased host ('' when the address could not be read). */
  host: string;
  /** The port as written ('' when none). */
  port: string;
  /** The first problem, or null when Salesforce can call the address. */
  problem: ServiceAddressProblem | null;
}

const SHAPE = new RegExp(ADDRESS_SHAPE);
const NON_PUBLIC_HOST = new RegExp(NON_PUBLIC_HOST_PATTERN);

/** Checks an address the way Salesforce will use it: a public HTTPS base address. */
export function checkServiceAddress(input: string | null | undefined): ServiceAddressCheck {
  const address = (input ?? '').trim().replace(/\/$/, '');
  const parts = SHAPE.exec(address.toLowerCase());
  if (!parts) {
    return { address, host: '', port: '', problem: 'NOT_A_URL' };
  }
  const host = parts[3] ?? '';
  const port = parts[4] ?? '';
  const rest = parts[5] ?? '';
  let problem: ServiceAddressProblem | null = null;
  if (NON_PUBLIC_HOST.test(host)) {
    problem = 'NOT_PUBLIC_HOST';
  } else if (parts[1] !== 'https') {
    problem = 'NOT_HTTPS';
  } else if (port !== '' && port !== '443' && (Number(port) < LOWEST_HIGH_PORT || Number(port) > HIGHEST_PORT)) {
    problem = 'PORT_NOT_ALLOWED';
  } else if (parts[2] !== undefined || rest.includes('?') || rest.includes('#')) {
    problem = 'NOT_BASE_ADDRESS';
  }
  return { address, host, port, problem };
}

/** GRAX Setup's words for each problem; {address}, {host} and {port} are filled in. */
export const SERVICE_ADDRESS_MESSAGES: Readonly<Record<ServiceAddressProblem, string>> = {
  NOT_A_URL: '"{address}" is not a web address. Enter the service\'s address, such as https://grax.example.com.',
  NOT_PUBLIC_HOST:
    "{host} is not a public address. Salesforce calls the GRAX service over the internet: use its public https:// address (the service's PUBLIC_URL).",
  NOT_HTTPS:
    'The service address must start with https://. Salesforce only calls services over HTTPS with a trusted certificate.',
  PORT_NOT_ALLOWED:
    'Salesforce does not call out to port {port} over HTTPS: use port 443 (no port in the address) or a port from 1024 to 65535.',
  NOT_BASE_ADDRESS:
    "Enter only the service's base address, such as https://grax.example.com, without ? or # and without a user name.",
};

/** The sentence GRAX Setup shows for a checked address, or null when there is no problem. */
export function serviceAddressMessage(check: ServiceAddressCheck): string | null {
  if (!check.problem) {
    return null;
  }
  // Replacement functions, so that `$&` or `$1` in an address is not read as a replacement pattern.
  return SERVICE_ADDRESS_MESSAGES[check.problem]
    .replace('{address}', () => check.address)
    .replace('{host}', () => check.host)
    .replace('{port}', () => check.port);
}

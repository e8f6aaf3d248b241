/**
 * Whether Salesforce can call the service at PUBLIC_URL. Salesforce makes callouts from its own servers over the
 * internet, so only a public HTTPS address with a certificate from a trusted authority works; this catches what can
 * be seen from the address alone (http, this machine, private networks, local names).
 */

const LOCAL_NAMES = new Set(['localhost', '0.0.0.0', '[::1]', '::1']);
const PRIVATE_IPV4 = /^(127|10)\.|^192\.168\.|^169\.254\.|^172\.(1[6-9]|2\d|3[01])\./;
const PUBLIC_HTTPS_NEEDED = 'Salesforce needs a public HTTPS address with a trusted certificate.';

/** The problem with the address for callouts from Salesforce, or null when none is visible. */
export function publicAddressProblem(publicUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return `${PUBLIC_HTTPS_NEEDED} PUBLIC_URL (${publicUrl}) is not a web address.`;
  }
  const host = url.hostname.toLowerCase();
  if (LOCAL_NAMES.has(host) || PRIVATE_IPV4.test(host) || host.endsWith('.local') || !host.includes('.')) {
    return `${PUBLIC_HTTPS_NEEDED} PUBLIC_URL is ${url.origin}, an address on this machine or a private network that Salesforce cannot reach, so GRAX Setup in the org cannot call this service.`;
  }
  if (url.protocol !== 'https:') {
    return `${PUBLIC_HTTPS_NEEDED} PUBLIC_URL is ${url.origin} (http), which Salesforce does not call.`;
  }
  return null;
}

/**
 * Whether Salesforce can call the service at PUBLIC_URL. Salesforce makes callouts from its own servers over the
 * internet, so only a public HTTPS address with a certificate from a trusted authority works; this catches what can
 * be seen from the address alone, by the same rule GRAX Setup applies to the address an admin enters in the org
 * (setupRules.ts), in words about PUBLIC_URL.
 */
import { checkServiceAddress, type ServiceAddressProblem } from './setupRules';

const PUBLIC_HTTPS_NEEDED = 'Salesforce needs a public HTTPS address with a trusted certificate.';

const PROBLEMS: Record<ServiceAddressProblem, (publicUrl: string, origin: string, port: string) => string> = {
  NOT_A_URL: (publicUrl) => `PUBLIC_URL (${publicUrl}) is not a web address.`,
  NOT_PUBLIC_HOST: (_publicUrl, origin) =>
    `PUBLIC_URL is ${origin}, an address on this machine or a private network that Salesforce cannot reach, so GRAX Setup in the org cannot call this service.`,
  NOT_HTTPS: (_publicUrl, origin) => `PUBLIC_URL is ${origin} (http), which Salesforce does not call.`,
  PORT_NOT_ALLOWED: (_publicUrl, origin, port) =>
    `PUBLIC_URL is ${origin}: Salesforce calls out over HTTPS only to port 443 or ports 1024 to 65535, not ${port}.`,
  // The origin, never the address as set: a user name and password in it must not reach the page.
  NOT_BASE_ADDRESS: (_publicUrl, origin) =>
    `PUBLIC_URL (${origin}) carries a user name, ? or #; GRAX Setup accepts only a base address such as ${origin}.`,
};

/** The problem with the address for callouts from Salesforce, or null when none is visible. */
export function publicAddressProblem(publicUrl: string): string | null {
  const check = checkServiceAddress(publicUrl);
  if (!check.problem) return null;
  const origin = URL.canParse(check.address) ? new URL(check.address).origin : check.address;
  return `${PUBLIC_HTTPS_NEEDED} ${PROBLEMS[check.problem](publicUrl, origin, check.port)}`;
}

/**
 * Security headers (helmet) with a strict Content Security Policy: only our own scripts, styles and images (plus
 * data: images), no framing, no plugins, no <base>. Form posts may go to our own origin and to the Salesforce login
 * hosts, because the connect form answers with a redirect to Salesforce and browsers apply form-action to it.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { Config } from '../config';

/** Salesforce hosts a login can land on besides the configured ones (My Domains: production, sandbox, gov). */
const SALESFORCE_LOGIN_SOURCES = ['https://*.my.salesforce.com', 'https://*.my.salesforce.mil'];

/** The form-action sources: self, the configured login hosts, My Domains and the test-only extra origins. */
export function formActionSources(config: Config): string[] {
  const sources = [
    "'self'",
    config.salesforce.productionLoginUrl,
    config.salesforce.sandboxLoginUrl,
    ...SALESFORCE_LOGIN_SOURCES,
    ...config.salesforce.extraLoginOrigins,
  ];
  return [...new Set(sources)];
}

export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: formActionSources(config),
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    // The OAuth callback URL carries the code and state: never send it on as a Referer.
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}

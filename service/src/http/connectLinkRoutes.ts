/**
 * The page behind a connect link (/web/connect-link?link=...): GET shows the org and the mode with a Continue to
 * Salesforce button; the POST (CSRF-protected, bound to this browser) consumes the link and redirects to Salesforce
 * with an OAuth state that only accepts the link's org. Unusable links get their own error page. The token travels
 * in the query string and the form body, which the access log never records. Rate-limited per client.
 */
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { ConnectLinkService } from '../orgApi/connectLinks';
import { CONNECT_LINK_PATH, connectLinkProblem } from '../orgApi/connectLinks';
import { connectLinkPage } from '../web/views/connectLinkPage';
import { formField } from './formInput';
import type { RateLimitRepository } from '../store/types';
import { loginRateLimit } from './rateLimit';
import { csrfTokenOf, renderPage, sendHtml } from './render';
import { browserIdOf } from './requestContext';

/** Requests to connect-link pages per client per 10 minutes. */
const REQUESTS_PER_10_MINUTES = 60;

function tokenFrom(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw connectLinkProblem('unknown');
  return value;
}

/** Builds the connect-link router (mounted at /web/connect-link). */
export function connectLinkRouter(deps: {
  connectLinks: ConnectLinkService;
  rateLimits: RateLimitRepository;
}): MountedRouter {
  const router = caseSensitiveRouter();
  router.use(
    loginRateLimit({
      counters: deps.rateLimits,
      name: 'connect-link',
      windowMs: 10 * 60_000,
      limit: REQUESTS_PER_10_MINUTES,
    }),
  );

  router.get('/', async (req, res) => {
    const token = tokenFrom(req.query.link);
    const link = await deps.connectLinks.describe(token);
    const body = connectLinkPage({ link, token, action: CONNECT_LINK_PATH, csrfToken: csrfTokenOf(req) });
    sendHtml(res, renderPage(req, { title: 'Connect GRAX to Salesforce', body }));
  });

  router.post('/', async (req, res) => {
    const { redirectUrl } = await deps.connectLinks.use(tokenFrom(formField(req, 'link')), browserIdOf(req));
    res.redirect(303, redirectUrl);
  });

  return { path: CONNECT_LINK_PATH, router };
}

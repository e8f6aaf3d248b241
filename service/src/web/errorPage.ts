/** The page shown for any error on a browser route: what happened, what to do next, and a reference for support. */
import type { AppError } from '../errors';
import type { SafeHtml } from './html';
import { html } from './html';
import type { PageUser } from './layout';
import { layout } from './layout';
import { webPaths } from './paths';

const STATUS_TITLES: Record<number, string> = {
  400: 'Check your input',
  401: 'Sign in required',
  403: 'Not allowed',
  404: 'Page not found',
  413: 'Request too large',
  429: 'Too many attempts',
  500: 'Something went wrong',
  503: 'Temporarily unavailable',
};

/** What the error page shows. */
export interface ErrorPageOptions {
  error: Pick<AppError, 'code' | 'httpStatus' | 'message' | 'actions' | 'title'>;
  requestId: string;
  user: PageUser | null;
  csrfToken: string | null;
}

/** Renders the full error page. */
export function errorPage(options: ErrorPageOptions): SafeHtml {
  const { error } = options;
  const title = error.title ?? STATUS_TITLES[error.httpStatus] ?? 'Something went wrong';
  const body = html`<div class="slds-box slds-theme_default grax-error">
    <p class="slds-text-body_regular">${error.message}</p>
    ${
      error.actions.length > 0
        ? html`<h2 class="slds-text-heading_small slds-m-top_medium">What to do next</h2>
            <ul class="slds-list_dotted slds-m-top_x-small">
              ${error.actions.map((action) => html`<li>${action}</li>`)}
            </ul>`
        : ''
    }
    <p class="slds-text-color_weak slds-m-top_medium">Error ${error.code} · request ${options.requestId}</p>
    <p class="slds-m-top_medium">
      <a class="slds-button slds-button_neutral" href="${webPaths.home}">Go to the GRAX Connect home page</a>
    </p>
  </div>`;
  return layout({ title, body, user: options.user, csrfToken: options.csrfToken });
}

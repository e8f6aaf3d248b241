// Turns whatever an imperative Apex call rejects with (AuraHandledException body, fetch error, plain Error, string)
// into the one sentence the page shows.

import { LABELS } from 'c/graxLabels';

const FALLBACK = LABELS.unexpectedError;

/**
 * The readable message of an Apex or JavaScript error.
 */
export function messageOf(error) {
  if (!error) {
    return FALLBACK;
  }
  if (typeof error === 'string') {
    return error;
  }
  const body = error.body;
  if (Array.isArray(body)) {
    const messages = body.map((item) => item && item.message).filter(Boolean);
    return messages.length ? messages.join(' ') : FALLBACK;
  }
  if (body && typeof body.message === 'string' && body.message) {
    return body.message;
  }
  if (typeof error.message === 'string' && error.message) {
    return error.message;
  }
  return FALLBACK;
}

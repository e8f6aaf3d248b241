/**
 * The password and authenticator-code fields of the login, re-authentication and local-user pages, in one place so
 * that their limits are the ones the service enforces (auth/passwordHash, auth/passwordPolicy) and browsers fill them
 * the same way everywhere.
 */
import { MAX_PASSWORD_LENGTH } from '../../auth/passwordHash';
import { MIN_PASSWORD_LENGTH } from '../../auth/passwordPolicy';
import { textInput } from '../forms';
import type { SafeHtml } from '../html';

/** Six digits; a space in the middle, as authenticator apps show them, is allowed. */
const CODE_MAX_LENGTH = 7;

/** The signed-in person's own password (login and re-authentication). */
export function currentPasswordInput(error: string | undefined): SafeHtml {
  return textInput({
    name: 'password',
    label: 'Password',
    type: 'password',
    autocomplete: 'current-password',
    maxlength: MAX_PASSWORD_LENGTH,
    required: true,
    error,
  });
}

/** A password an admin sets for a local user; `advice` follows the strength rule in the help text. */
export function newPasswordInput(options: { label: string; advice: string; error: string | undefined }): SafeHtml {
  return textInput({
    name: 'password',
    label: options.label,
    type: 'password',
    autocomplete: 'new-password',
    maxlength: MAX_PASSWORD_LENGTH,
    required: true,
    help: `At least ${MIN_PASSWORD_LENGTH} characters, not the username, not a common or guessable password (a few unrelated words work well). ${options.advice}`,
    error: options.error,
  });
}

/** The current code of the person's authenticator app. */
export function authenticatorCodeInput(options: { label: string; error: string | undefined }): SafeHtml {
  return textInput({
    name: 'code',
    label: options.label,
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: CODE_MAX_LENGTH,
    spellcheck: false,
    required: true,
    error: options.error,
  });
}

/**
 * The strength rule for local users' passwords, in one place for creating a user and resetting a password: at least
 * 12 characters, at most 256, and not the username (in any letter case, and not the username with a few characters
 * added). Returns the sentence to show next to the field, or null when the password is acceptable.
 */
import { MAX_PASSWORD_LENGTH } from './passwordHash';

export const MIN_PASSWORD_LENGTH = 12;

/** Why a password is refused, in the words shown next to the field; null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters for the password (a few unrelated words work well).`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Use at most ${MAX_PASSWORD_LENGTH} characters for the password.`;
  }
  const name = username.trim().toLowerCase();
  if (name !== '' && password.toLowerCase().includes(name) && password.length - name.length < 6) {
    return 'The password must not be the username or the username with a few characters added.';
  }
  if (/^(.)\1*$/.test(password)) return 'The password must not repeat a single character.';
  return null;
}

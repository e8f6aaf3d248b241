/**
 * The strength rule for local users' passwords, in one place for creating a user and resetting a password: at least
 * 12 characters, at most 256, not the username (in any letter case, and not the username with a few characters
 * added), and not guessable: zxcvbn-ts (an offline estimator with common-password, name and English dictionaries,
 * keyboard patterns, sequences, repeats and dates) must score it at least 3 of 4 (about 10^8 guesses or more), with
 * the username counted as known to the guesser. Returns the sentence to show next to the field, or null when the
 * password is acceptable.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';
import { MAX_PASSWORD_LENGTH } from './passwordHash';

export const MIN_PASSWORD_LENGTH = 12;
/** The lowest zxcvbn score (0-4) a password may have: 3 is "safely unguessable" (about 10^8 guesses or more). */
export const MIN_PASSWORD_SCORE = 3;

/** Only this many leading characters are estimated: a longer password is at least as strong as its start. */
const ESTIMATED_LENGTH = 64;

let estimator: ZxcvbnFactory | null = null;

/** The strength estimator, built at first use (loading its dictionaries takes a moment). */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations: zxcvbnEnglish.translations,
    graphs: zxcvbnCommon.adjacencyGraphs,
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    // The estimate grows costly with length (seconds for 256 random characters); the first 64 decide.
    maxLength: ESTIMATED_LENGTH,
    // Fewer l33t substitution combinations per word keeps a check under a second (the default tries 100).
    l33tMaxSubstitutions: 10,
  });
  return estimator;
}

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
  const strength = strengthEstimator().check(password, name === '' ? [] : [name, ...name.split(/[.@_-]+/)]);
  if (strength.score < MIN_PASSWORD_SCORE) {
    const why = [strength.feedback.warning, ...strength.feedback.suggestions].filter((s): s is string => !!s);
    const advice = why.length > 0 ? why : ['It follows a pattern that guessers try early.'];
    return `The password is too easy to guess: ${[...advice, 'A few unrelated words work well.'].join(' ')}`;
  }
  return null;
}

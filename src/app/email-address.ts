/**
 * The one spelling of an e-mail address that accounts are stored, found and rate-limited under:
 * surrounding whitespace dropped, lower case. Whatever looks a user up by e-mail or counts
 * attempts against one goes through here, so " Alice@x.test " and "alice@x.test" are one address.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

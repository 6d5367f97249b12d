/**
 * Checking a provider's credentials at start: one authenticated read of something that does not
 * exist. A 404 means the key was accepted; a 401 or 403 means it was refused (a wrong, revoked or
 * test-for-live key); no answer means the provider could not be reached, which does not stop a
 * start (the workers retry).
 */
export type CredentialCheck =
  | { status: 'accepted' }
  | { status: 'refused'; error: string }
  | { status: 'unreachable'; error: string };

export interface ChecksCredentials {
  checkCredentials(): Promise<CredentialCheck>;
}

export function credentialCheckOf(httpStatus: number | undefined, error: string): CredentialCheck {
  if (httpStatus === 401 || httpStatus === 403) return { status: 'refused', error };
  if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500 && httpStatus !== 429) {
    return { status: 'accepted' };
  }
  return { status: 'unreachable', error };
}

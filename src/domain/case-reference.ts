/**
 * A case's one short reference, as people read and quote it (a parcel's label, an e-mail, a phone
 * call): "R-" and the last 8 characters of its id (the ULID's random tail), upper-cased. The UI
 * bundles this module as it is (web/src/caseRef.ts): it imports nothing.
 */
export function caseReference(id: string): string {
  return `R-${id.slice(-8).toUpperCase()}`;
}

/** A text with every case id in it (ret_…) written as the case's reference. */
export function withCaseReferences(text: string): string {
  return text.replace(/\bret_[0-9a-z]{20,40}\b/gi, (id) => caseReference(id));
}

/**
 * A case's one short reference, the same in every list, header, thread line and notification:
 * "R-" and the last 8 characters of its id (the ULID's random tail), upper-cased. E-mails say the
 * same (src/domain/case-reference.ts; test/web-case-ref.test.ts holds the two equal).
 */
export function caseRef(id: string): string {
  return `R-${id.slice(-8).toUpperCase()}`;
}

/** Replaces every case id in a server's text (ret_…) with its short reference. */
export function withCaseRefs(text: string): string {
  return text.replace(/\bret_[0-9a-z]{20,40}\b/gi, (id) => caseRef(id));
}

/** Where a role opens a case. */
export function casePath(role: string, id: string): string {
  if (role === 'seller') return `/seller/returns/${id}`;
  if (role === 'buyer') return `/buyer/returns/${id}`;
  return `/agent/returns/${id}`;
}

// A case's one short reference, the same in every list, header, thread line, notification and
// e-mail: "R-" and the last 8 characters of its id. The domain's own (a module without imports).
export {
  caseReference as caseRef,
  withCaseReferences as withCaseRefs,
} from '../../src/domain/case-reference.ts';

/** Where a role opens a case. */
export function casePath(role: string, id: string): string {
  if (role === 'seller') return `/seller/returns/${id}`;
  if (role === 'buyer') return `/buyer/returns/${id}`;
  return `/agent/returns/${id}`;
}

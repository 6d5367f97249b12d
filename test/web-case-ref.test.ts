import { describe, expect, it } from 'vitest';
import { caseReference, withCaseReferences } from '../src/domain/index.ts';
import { caseRef, withCaseRefs } from '../web/src/caseRef.ts';

describe('case references', () => {
  const ids = ['ret_01m93yx617fect7atxq6zt6b53', 'ret_01K6XY2VDK182M3ZFKVQA9RYVB'];

  it('are the same in the UI and on the server (e-mails)', () => {
    for (const id of ids) {
      expect(caseReference(id)).toBe(caseRef(id));
      expect(caseReference(id)).toMatch(/^R-[0-9A-Z]{8}$/);
    }
    const text = `Return ${ids[0]} approved; see also ${ids[1]}. Order ord_01m93yx617fect7atxq6zt6b53.`;
    expect(withCaseReferences(text)).toBe(withCaseRefs(text));
    expect(withCaseReferences(text)).toBe(
      'Return R-Q6ZT6B53 approved; see also R-VQA9RYVB. Order ord_01m93yx617fect7atxq6zt6b53.',
    );
  });
});

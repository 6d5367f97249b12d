import { describe, expect, it } from 'vitest';
import { isContact } from '../web/src/contact.ts';

describe("the request form's contact field", () => {
  it('takes an e-mail address or a phone number', () => {
    for (const ok of ['+1 555 0100', '(020) 7946-0958', '13800138000', 'li.wei@example.cn']) {
      expect(isContact(ok), ok).toBe(true);
    }
  });

  it('refuses anything else', () => {
    for (const bad of [
      'not a phone!!',
      '12345',
      'call me',
      'a@b',
      '+1 555 0100 ext 4',
      '1'.repeat(16),
    ]) {
      expect(isContact(bad), bad).toBe(false);
    }
  });
});

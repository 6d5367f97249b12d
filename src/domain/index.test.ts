import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

describe('the public API', () => {
  it('exports what the app layers consume', () => {
    const names = [
      'decide',
      'decideRequest',
      'evolve',
      'allowedCommands',
      'nextAction',
      'TRANSITIONS',
      'DomainError',
      'eligibility',
      'computeRefund',
      'DEFAULT_POLICY',
      'parsePolicy',
      'parseCalendar',
      'REASONS',
      'REJECT_REASONS',
      'PACKAGE_REJECT_REASONS',
      'addPolicyDuration',
      'reminderInstants',
      'minorUnits',
      'allocateLargestRemainder',
    ];
    for (const name of names) expect(domain, name).toHaveProperty(name);
  });
});

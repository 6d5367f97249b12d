import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../src/domain/index.ts';
import { buyerEn } from '../web/src/i18n/buyer.en.ts';
import { buyerZh } from '../web/src/i18n/buyer.zh-CN.ts';
import { commonEn } from '../web/src/i18n/common.en.ts';
import { commonZh } from '../web/src/i18n/common.zh-CN.ts';

/** Every event a case can record, without its `return.` prefix (`requested` opens a case). */
const EVENTS = [
  ...new Set([
    'requested',
    ...TRANSITIONS.flatMap((row) => row.events.map((e) => e.replace(/^return\./, ''))),
  ]),
];

describe('the UI’s words for case events', () => {
  for (const [name, table] of [
    ['timeline (English)', commonEn.event],
    ['timeline (简体中文)', commonZh.event],
    ['buyer’s timeline (English)', buyerEn.timeline.event],
    ['buyer’s timeline (简体中文)', buyerZh.timeline.event],
  ] as const) {
    it(`name each event in the ${name}`, () => {
      const missing = EVENTS.filter((e) => !(e in table));
      expect(missing).toEqual([]);
    });
  }
});

import type { Db } from '../db/database.ts';
import { insertSeller, type SellerRow } from '../db/users.ts';
import { DEFAULT_POLICY, parseCalendar } from '../domain/index.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';
import type { Principal } from './principal.ts';

export async function createSeller(
  db: Db,
  principal: Principal,
  input: { name: string; time_zone: string; region: string },
  now: Date,
): Promise<SellerRow> {
  if (principal.role !== 'operator')
    throw new AppError('forbidden', 'Only operators create shops.');
  const calendar = parseCalendar({ time_zone: input.time_zone, region: input.region });
  if (!calendar.ok) {
    throw new AppError('validation_failed', calendar.error.message, {
      fields: (calendar.error.details.fields ?? []).map((f) => ({ ...f, path: `body.${f.path}` })),
    });
  }
  return insertSeller(db, {
    id: newId('sel', now),
    name: input.name,
    timeZone: input.time_zone,
    region: input.region,
    policy: DEFAULT_POLICY,
    createdAt: now,
    updatedAt: now,
  });
}

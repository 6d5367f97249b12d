import type { Db } from '../db/database.ts';
import {
  findSeller,
  findUserByEmail,
  insertApiKey,
  insertUser,
  type UserRow,
} from '../db/users.ts';
import { normalizeEmail } from './email-address.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';
import type { Principal } from './principal.ts';
import { hashPassword, newSecret, sha256 } from './secrets.ts';

export interface CreateUserInput {
  email: string;
  name: string;
  role: 'buyer' | 'seller' | 'agent' | 'operator';
  seller_id?: string | undefined;
  password?: string | undefined;
  locale?: 'en' | 'zh-CN' | undefined;
  /** When true, an API key is created and returned once. */
  api_key?: boolean | undefined;
}

export interface CreatedUser {
  user: UserRow;
  /** Shown once; only its hash is stored. */
  api_key: string | null;
}

export async function createUser(
  db: Db,
  principal: Principal,
  input: CreateUserInput,
  now: Date,
): Promise<CreatedUser> {
  if (principal.role !== 'operator')
    throw new AppError('forbidden', 'Only operators create users.');
  const email = normalizeEmail(input.email);
  const fields = [];
  if (input.role === 'seller' && !input.seller_id) {
    fields.push({ path: 'body.seller_id', message: 'a seller user needs the shop it works for' });
  }
  if (input.role !== 'seller' && input.seller_id) {
    fields.push({ path: 'body.seller_id', message: 'only seller users belong to a shop' });
  }
  if (input.seller_id && !(await findSeller(db, input.seller_id))) {
    fields.push({ path: 'body.seller_id', message: 'no such seller' });
  }
  if (fields.length)
    throw new AppError('validation_failed', 'Some fields are invalid.', { fields });
  if (await findUserByEmail(db, email)) {
    throw new AppError('conflict', 'A user with this e-mail already exists.', {
      fields: [{ path: 'body.email', message: 'already taken' }],
    });
  }
  const user = await insertUser(db, {
    id: newId('usr', now),
    email,
    name: input.name,
    role: input.role,
    sellerId: input.seller_id ?? null,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    locale: input.locale ?? 'en',
    createdAt: now,
  });
  let apiKey: string | null = null;
  if (input.api_key) {
    apiKey = newSecret('sbk_');
    await insertApiKey(db, {
      id: newId('key', now),
      userId: user.id,
      keyHash: sha256(apiKey),
      prefix: apiKey.slice(0, 10),
      createdAt: now,
    });
  }
  return { user, api_key: apiKey };
}

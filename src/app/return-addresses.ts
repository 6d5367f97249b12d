import countries from 'i18n-iso-countries';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import { type Db, inTransaction } from '../db/database.ts';
import {
  addressesForOrders,
  addressesOf,
  clearDefault,
  deleteAddress,
  insertAddress,
  lockAddressesOf,
  type ReturnAddressRow,
  updateAddress,
} from '../db/return-addresses.ts';
import { findSeller } from '../db/users.ts';
import type { ReturnAddress } from '../domain/index.ts';
import { AppError, type FieldProblem } from './errors.ts';
import { newId } from './ids.ts';
import type { Principal } from './principal.ts';

/** An address as a marketplace or a shop sends it (the HTTP layer has checked shapes). */
export interface DeliveryAddressInput {
  name: string;
  line1: string;
  line2?: string | null | undefined;
  city: string;
  region?: string | null | undefined;
  postal_code: string;
  country: string;
  phone?: string | null | undefined;
}

/** A return address as a shop sends it: an address, and which buyers it serves. */
export interface ReturnAddressInput extends DeliveryAddressInput {
  instructions?: string | null | undefined;
  /** Buyer countries this address serves; may be empty for a default-only address. */
  buyer_countries: string[];
  is_default?: boolean | undefined;
}

export interface ReturnAddressView extends ReturnAddress {
  seller_id: string;
  buyer_countries: string[];
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

export function presentAddress(row: ReturnAddressRow): ReturnAddressView {
  return {
    ...snapshotOf(row),
    seller_id: row.sellerId,
    buyer_countries: row.buyerCountries,
    is_default: row.isDefault,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** What a case keeps of an address: where to send the parcel, nothing about the shop's setup. */
export function snapshotOf(row: ReturnAddressRow): ReturnAddress {
  return {
    id: row.id,
    name: row.name,
    line1: row.line1,
    line2: row.line2,
    city: row.city,
    region: row.region,
    postal_code: row.postalCode,
    country: row.country,
    phone: row.phone,
    instructions: row.instructions,
  };
}

/** For each order, the address its buyer sends returns to (none when the shop has none). */
export async function returnAddressesFor(
  db: Db,
  orderIds: string[],
): Promise<Map<string, ReturnAddress>> {
  const rows = await addressesForOrders(db, orderIds);
  return new Map([...rows].map(([orderId, row]) => [orderId, snapshotOf(row)]));
}

const isCountry = (code: string) => /^[A-Z]{2}$/.test(code) && countries.isValid(code);

/**
 * Checks what shapes cannot: ISO 3166-1 alpha-2 country codes (upper case), and the postal code
 * by the country's own format where postcode-validator knows it.
 */
export function addressProblems(
  input: { country: string; postal_code: string; buyer_countries?: string[] },
  prefix = 'body',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const country = input.country;
  if (!isCountry(country)) {
    problems.push({
      path: `${prefix}.country`,
      message: 'must be an ISO 3166-1 alpha-2 country code in capitals, like US or CN',
    });
  } else if (
    postcodeValidatorExistsForCountry(country) &&
    !postcodeValidator(input.postal_code, country)
  ) {
    problems.push({
      path: `${prefix}.postal_code`,
      message: `is not a valid postal code in ${countries.getName(country, 'en') ?? country}`,
    });
  }
  const served = input.buyer_countries ?? [];
  served.forEach((code, i) => {
    if (!isCountry(code)) {
      problems.push({
        path: `${prefix}.buyer_countries.${i}`,
        message: 'must be an ISO 3166-1 alpha-2 country code in capitals',
      });
    }
  });
  if (new Set(served).size !== served.length) {
    problems.push({ path: `${prefix}.buyer_countries`, message: 'lists a country twice' });
  }
  return problems;
}

function checkInput(input: ReturnAddressInput): void {
  const fields = addressProblems(input);
  if (fields.length)
    throw new AppError('validation_failed', 'The address has invalid fields.', { fields });
}

/** Staff of the shop and operators change its addresses; agents only read them. */
async function shopFor(
  db: Db,
  principal: Principal,
  sellerId: string,
  write: boolean,
): Promise<void> {
  const staff =
    principal.role === 'operator' ||
    (principal.role === 'seller' && principal.seller_id === sellerId) ||
    (!write && principal.role === 'agent');
  if (!staff || !(await findSeller(db, sellerId))) {
    throw new AppError('not_found', 'Seller not found.');
  }
}

export async function listReturnAddresses(
  db: Db,
  principal: Principal,
  sellerId: string,
): Promise<ReturnAddressView[]> {
  await shopFor(db, principal, sellerId, false);
  return (await addressesOf(db, sellerId)).map(presentAddress);
}

const nullable = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function columns(input: ReturnAddressInput) {
  return {
    name: input.name.trim(),
    line1: input.line1.trim(),
    line2: nullable(input.line2),
    city: input.city.trim(),
    region: nullable(input.region),
    postalCode: input.postal_code.trim(),
    country: input.country,
    phone: nullable(input.phone),
    instructions: nullable(input.instructions),
    buyerCountries: input.buyer_countries,
  };
}

/**
 * Adds an address. The shop's first address is its default; `is_default` moves the default here.
 * The shop's rows are locked first, so two concurrent edits leave exactly one default.
 */
export async function createReturnAddress(
  db: Db,
  principal: Principal,
  sellerId: string,
  input: ReturnAddressInput,
  now: Date,
): Promise<ReturnAddressView> {
  await shopFor(db, principal, sellerId, true);
  checkInput(input);
  return inTransaction(db, async (tx) => {
    const existing = await lockAddressesOf(tx, sellerId);
    if (existing.length >= 50) {
      throw new AppError('limit_reached', 'A shop keeps at most 50 return addresses.', {
        limit: 50,
      });
    }
    const id = newId('radr', now);
    const isDefault = existing.length === 0 || input.is_default === true;
    if (isDefault) await clearDefault(tx, sellerId, id);
    const row = await insertAddress(tx, {
      id,
      sellerId,
      ...columns(input),
      isDefault,
      createdAt: now,
      updatedAt: now,
    });
    return presentAddress(row);
  });
}

/** Replaces an address. Cases approved before keep the address they were given. */
export async function replaceReturnAddress(
  db: Db,
  principal: Principal,
  sellerId: string,
  addressId: string,
  input: ReturnAddressInput,
  now: Date,
): Promise<ReturnAddressView> {
  await shopFor(db, principal, sellerId, true);
  checkInput(input);
  return inTransaction(db, async (tx) => {
    const existing = await lockAddressesOf(tx, sellerId);
    const current = existing.find((a) => a.id === addressId);
    if (!current) throw new AppError('not_found', 'Return address not found.');
    if (current.isDefault && input.is_default === false) {
      throw new AppError('conflict', 'Make another address the default first.', {
        fields: [{ path: 'body.is_default', message: 'the shop needs a default address' }],
      });
    }
    const isDefault = current.isDefault || input.is_default === true;
    if (isDefault) await clearDefault(tx, sellerId, addressId);
    const row = await updateAddress(tx, addressId, {
      ...columns(input),
      isDefault,
      updatedAt: now,
    });
    return presentAddress(row!);
  });
}

/** Removes an address; the default goes only when it is the last (or another is made default). */
export async function removeReturnAddress(
  db: Db,
  principal: Principal,
  sellerId: string,
  addressId: string,
): Promise<void> {
  await shopFor(db, principal, sellerId, true);
  await inTransaction(db, async (tx) => {
    const existing = await lockAddressesOf(tx, sellerId);
    const current = existing.find((a) => a.id === addressId);
    if (!current) throw new AppError('not_found', 'Return address not found.');
    if (current.isDefault && existing.length > 1) {
      throw new AppError('conflict', 'Make another address the default before removing this one.');
    }
    await deleteAddress(tx, addressId);
  });
}

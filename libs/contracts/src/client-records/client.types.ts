import { z } from 'zod';
import { Id, IsoDateTime, SafeString } from '../common';
import { Email, PersonName } from '../identity/identity.types';
import { StateCode } from '../payments/sales-tax.types';

export const ClientStatus = z.enum(['active', 'archived']);
export type ClientStatus = z.infer<typeof ClientStatus>;

/** Digits with the usual separators and an optional leading `+`; 5 to 32 characters. */
export const Phone = SafeString.trim().regex(
  /^\+?[0-9][0-9 ().-]{3,30}[0-9]$/,
  'must be a phone number: digits, spaces, ( ) . - and an optional leading +',
);

/** A calendar date, `YYYY-MM-DD`; the service refuses one in the future. */
export const DateOfBirth = z.iso.date('must be a date as YYYY-MM-DD');

/** ISO 3166-1 alpha-2, upper case (`US`, `CA`). */
export const CountryCode = SafeString.trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as US');

const AddressLine = SafeString.trim().min(1, 'must not be empty').max(200);

/**
 * A postal address. In the US (`country: US`) `state` must be a state code (`NY`), because it is
 * what sales tax is charged by; elsewhere it is the region as written.
 */
export const Address = z
  .object({
    line1: AddressLine,
    line2: AddressLine.optional(),
    city: AddressLine,
    state: SafeString.trim().toUpperCase().min(1, 'must not be empty').max(100),
    postalCode: SafeString.trim().min(1, 'must not be empty').max(20),
    country: CountryCode,
  })
  .superRefine((address, context) => {
    if (address.country === 'US' && !StateCode.safeParse(address.state).success) {
      context.addIssue({ code: 'custom', path: ['state'], message: 'must be a US state code such as NY' });
    }
  });
export type Address = z.infer<typeof Address>;

/** The Info section, as it is written. */
export const ClientInfoFields = z.object({
  firstName: PersonName,
  lastName: PersonName,
  email: Email,
  phone: Phone.optional(),
  dateOfBirth: DateOfBirth.optional(),
  address: Address.optional(),
});
export type ClientInfoFields = z.infer<typeof ClientInfoFields>;

/** A client as staff see it (client profile → Info). */
export const ClientView = z.object({
  id: Id,
  practiceId: Id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  address: z
    .object({
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      state: z.string(),
      postalCode: z.string(),
      country: z.string(),
    })
    .nullable(),
  status: ClientStatus,
  /** Providers assigned to the client, in the order they were assigned. */
  providerIds: z.array(Id),
  /** When the last client-portal invitation was sent; `null` if none could be sent yet. */
  invitedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ClientView = z.infer<typeof ClientView>;

/**
 * The US state of a client's address, the only part of it other services learn (invoicing
 * charges sales tax by it): `null` when there is no address or it is not in the US.
 */
export function taxStateOf(address: Pick<Address, 'country' | 'state'> | null | undefined): StateCode | null {
  if (!address || address.country !== 'US') return null;
  const state = StateCode.safeParse(address.state);
  return state.success ? state.data : null;
}

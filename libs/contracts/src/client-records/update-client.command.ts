import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { Address, ClientInfoFields, ClientView, DateOfBirth, Phone } from './client.types';

/** Only what is given changes; `null` clears an optional field. */
export const UpdateClientBody = z
  .object({
    firstName: ClientInfoFields.shape.firstName.optional(),
    lastName: ClientInfoFields.shape.lastName.optional(),
    email: ClientInfoFields.shape.email.optional(),
    phone: Phone.nullable().optional(),
    dateOfBirth: DateOfBirth.nullable().optional(),
    address: Address.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');
export type UpdateClientBody = z.infer<typeof UpdateClientBody>;

/**
 * Admins, and providers assigned to the client. A new email keeps the record (and its notes,
 * invoices…); it is a `conflict` if another client of the practice has it.
 */
export const UpdateClient = command('client-records.client.update.v1', {
  payload: z.object({ actor: Actor, clientId: Id, changes: UpdateClientBody }),
  reply: ClientView,
});

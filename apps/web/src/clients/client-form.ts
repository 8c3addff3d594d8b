import { z } from 'zod';
import { CreateClientBody, type ClientView, type UpdateClientBody } from '@arbor/contracts';

type CreateClientBodyType = z.output<typeof CreateClientBody>;

const fields = CreateClientBody.shape;
const blankAsAbsent = (text: string) => (text.trim() === '' ? undefined : text);

const AddressInputs = z.object({
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  country: z.string(),
});
type AddressInputs = z.infer<typeof AddressInputs>;

/**
 * The Add Client and Edit forms: the contract's own fields, where an optional field left blank
 * means "none" (a text box cannot be absent), and an address is given by filling any of its lines
 * (the country alone, prefilled, is no address).
 */
export const ClientFormSchema = z.object({
  firstName: fields.firstName,
  lastName: fields.lastName,
  email: fields.email,
  phone: z.string().transform(blankAsAbsent).pipe(fields.phone),
  dateOfBirth: z.string().transform(blankAsAbsent).pipe(fields.dateOfBirth),
  address: AddressInputs.transform((address) =>
    [address.line1, address.line2, address.city, address.state, address.postalCode].every(
      (line) => line.trim() === '',
    )
      ? undefined
      : withoutBlankLine2(address),
  ).pipe(fields.address),
});
function withoutBlankLine2({ line2, ...address }: AddressInputs) {
  return line2.trim() === '' ? address : { ...address, line2 };
}

export type ClientFormValues = z.input<typeof ClientFormSchema>;
export type ClientFormOutput = z.output<typeof ClientFormSchema>;

const NO_ADDRESS: AddressInputs = {
  line1: '',
  line2: '',
  city: '',
  state: '',
  postalCode: '',
  country: 'US',
};

export const EMPTY_CLIENT_FORM: ClientFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  dateOfBirth: '',
  address: NO_ADDRESS,
};

/** The Edit form, filled with the client as they are. */
export function formValuesOf(client: ClientView): ClientFormValues {
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    email: client.email,
    phone: client.phone ?? '',
    dateOfBirth: client.dateOfBirth ?? '',
    address: client.address ? { ...client.address, line2: client.address.line2 ?? '' } : NO_ADDRESS,
  };
}

/** The Add Client request: exactly the contract's body, without the fields left blank. */
export function createBodyOf(values: ClientFormOutput): CreateClientBodyType {
  const body: CreateClientBodyType = {
    firstName: values.firstName,
    lastName: values.lastName,
    email: values.email,
  };
  if (values.phone !== undefined) body.phone = values.phone;
  if (values.dateOfBirth !== undefined) body.dateOfBirth = values.dateOfBirth;
  if (values.address !== undefined) body.address = values.address;
  return body;
}

/**
 * The Edit request: only what changed (a PATCH), with `null` for a field that was cleared;
 * `undefined` when nothing changed.
 */
export function updateBodyOf(client: ClientView, values: ClientFormOutput): UpdateClientBody | undefined {
  const changes: UpdateClientBody = {};
  if (values.firstName !== client.firstName) changes.firstName = values.firstName;
  if (values.lastName !== client.lastName) changes.lastName = values.lastName;
  if (values.email !== client.email) changes.email = values.email;
  if ((values.phone ?? null) !== client.phone) changes.phone = values.phone ?? null;
  if ((values.dateOfBirth ?? null) !== client.dateOfBirth) changes.dateOfBirth = values.dateOfBirth ?? null;
  if (JSON.stringify(values.address ?? null) !== JSON.stringify(normalAddress(client.address))) {
    changes.address = values.address ?? null;
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** The stored address in the order and shape the form produces, to compare the two. */
function normalAddress(address: ClientView['address']) {
  if (!address) return null;
  const { line1, line2, city, state, postalCode, country } = address;
  return { line1, line2, city, state, postalCode, country };
}

import { Group, Stack, TextInput, type TextInputProps } from '@mantine/core';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { CardTokenizeError } from './card-fields';

/** What was typed, read only at the moment it goes to the processor's script. */
export interface TypedCard {
  number: string;
  /** Two digits. */
  month: string;
  /** Two digits. */
  year: string;
  cvc: string;
  zip: string;
}

export interface TypedCardReader {
  /** The card as typed, or a {@link CardTokenizeError} naming what is missing. */
  read(): TypedCard;
}

type Field = 'number' | 'expiry' | 'cvc' | 'zip';

const digitsOf = (value: string) => value.replace(/[\s-]/g, '');

/** `MM/YY`, `MMYY`, `MM / YYYY`: the month and the year's last two digits. */
function parseExpiry(value: string): { month: string; year: string } | undefined {
  const match = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(value.trim());
  if (!match) return undefined;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return undefined;
  return { month: String(month).padStart(2, '0'), year: match[2]!.slice(-2) };
}

/**
 * Card inputs for processors whose script takes the card from the page (Accept.js, Converge's
 * Checkout.js). Uncontrolled on purpose: what is typed lives only in the inputs themselves, never
 * in React state, the query cache or a form library, and is read once, to hand to the script.
 */
export function TypedCardInputs({
  ref,
  withZip,
  disabled,
  onEdit,
}: {
  ref: Ref<TypedCardReader>;
  withZip: boolean;
  disabled: boolean;
  onEdit: () => void;
}) {
  const numberInput = useRef<HTMLInputElement>(null);
  const expiryInput = useRef<HTMLInputElement>(null);
  const cvcInput = useRef<HTMLInputElement>(null);
  const zipInput = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  useImperativeHandle(ref, () => ({
    read() {
      const number = digitsOf(numberInput.current?.value ?? '');
      const expiry = parseExpiry(expiryInput.current?.value ?? '');
      const cvc = (cvcInput.current?.value ?? '').trim();
      const zip = (zipInput.current?.value ?? '').trim();
      const found: Partial<Record<Field, string>> = {};
      if (!/^\d{12,19}$/.test(number)) found.number = 'Enter the card number.';
      if (!expiry) found.expiry = 'Enter the expiry date as MM/YY.';
      if (!/^\d{3,4}$/.test(cvc)) found.cvc = 'Enter the 3 or 4 digits of the security code.';
      if (withZip && !/^[A-Za-z0-9 -]{3,10}$/.test(zip)) found.zip = 'Enter the billing ZIP code.';
      setErrors(found);
      if (Object.keys(found).length > 0 || !expiry) {
        throw new CardTokenizeError('Some card details need attention: see the messages beside them.');
      }
      return { number, month: expiry.month, year: expiry.year, cvc, zip };
    },
  }));
  const edited = (field: Field) => () => {
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
    onEdit();
  };
  const shared = (field: Field) => ({ disabled, error: errors[field], onChange: edited(field) });
  return (
    <Stack gap="sm">
      <CardInput
        ref={numberInput}
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        {...shared('number')}
      />
      <Group grow gap="sm" align="flex-start" wrap="nowrap">
        <CardInput
          ref={expiryInput}
          label="Expiry (MM/YY)"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="MM/YY"
          {...shared('expiry')}
        />
        <CardInput
          ref={cvcInput}
          label="Security code (CVC)"
          inputMode="numeric"
          autoComplete="cc-csc"
          {...shared('cvc')}
        />
      </Group>
      {withZip ? (
        <CardInput ref={zipInput} label="Billing ZIP code" autoComplete="postal-code" {...shared('zip')} />
      ) : null}
    </Stack>
  );
}

/** One input of the card, named for autofill by what it holds. */
function CardInput(props: TextInputProps & { ref: Ref<HTMLInputElement>; autoComplete: string }) {
  return <TextInput name={props.autoComplete} size="md" {...props} />;
}

import type { Ref } from 'react';

/**
 * What the payment form asks of any processor's card fields: turn what was typed into a one-use
 * token the processor made. The card itself stays with the processor's script; the page sees
 * only the token, the one thing it sends to Arbor.
 */
export interface CardFieldsHandle {
  tokenize(): Promise<string>;
}

/** What every processor's card fields take besides their own settings. */
export interface CardFieldsProps<Config> {
  config: Config;
  ref: Ref<CardFieldsHandle>;
  /** The person changed the card: a token made from the old one must not be paid with. */
  onEdit: () => void;
  disabled: boolean;
}

/** The processor refused to tokenize the card (or its script misbehaved); `message` is for the person. */
export class CardTokenizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CardTokenizeError';
  }
}

/** Said when a processor's script cannot be loaded or does not answer as it should. */
export const CARD_PAYMENTS_UNAVAILABLE = 'Card payments are not available right now.';

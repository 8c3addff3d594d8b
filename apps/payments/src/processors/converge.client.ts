import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describeFailure } from './payment-processor';

/**
 * A small client of the Elavon Converge XML API, which has no maintained npm client: one
 * `<txn>` of `ssl_*` fields, sent as the form field `xmldata` of a POST; the answer is one
 * `<txn>` (or a `<txnlist>` for queries) with HTTP 200 whatever the outcome. Values are built
 * with XML escaping and read back as strings (`000123` stays `000123`, an approval code is
 * never a number). Any failure to get a readable answer — timeout, network, non-200, not XML —
 * is a {@link ConvergeNoAnswerError}: the caller cannot know what Converge did.
 */

export const CONVERGE_ENDPOINTS = {
  production: 'https://api.convergepay.com/VirtualMerchant/processxml.do',
  demo: 'https://api.demo.convergepay.com/VirtualMerchantDemo/processxml.do',
} as const;

/** The transaction types Arbor uses. `ccgettoken` is what Checkout.js runs in the browser. */
export type ConvergeTransactionType = 'ccsale' | 'ccreturn' | 'ccvoid' | 'ccgettoken' | 'txnquery';

export type ConvergeFields = Readonly<Record<string, string>>;

export type ConvergeAnswer =
  | { readonly kind: 'txn'; readonly fields: ConvergeFields }
  | { readonly kind: 'txnlist'; readonly transactions: readonly ConvergeFields[] }
  | { readonly kind: 'error'; readonly code: string; readonly name: string; readonly message: string };

export class ConvergeNoAnswerError extends Error {
  override readonly name = 'ConvergeNoAnswerError';
}

export interface ConvergeClientConfig {
  /** `…/processxml.do` of the account's environment. */
  readonly url: string;
  readonly merchantId: string;
  readonly userId: string;
  readonly pin: string;
  readonly timeoutMs: number;
  /** Replaceable for unit tests; the global `fetch` otherwise. */
  readonly fetch?: typeof fetch;
}

export class ConvergeClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly config: ConvergeClientConfig) {
    this.fetch = config.fetch ?? fetch;
  }

  async send(
    transactionType: ConvergeTransactionType,
    fields: Record<string, string>,
  ): Promise<ConvergeAnswer> {
    const xmldata = buildTxnXml({
      ssl_merchant_id: this.config.merchantId,
      ssl_user_id: this.config.userId,
      ssl_pin: this.config.pin,
      ssl_transaction_type: transactionType,
      ...fields,
    });
    const text = await this.post(this.config.url, new URLSearchParams({ xmldata }));
    try {
      return parseConvergeXml(text);
    } catch (caught) {
      throw new ConvergeNoAnswerError(`unreadable answer (${describeFailure(caught)})`);
    }
  }

  /**
   * A Checkout.js session token (`ssl_txn_auth_token`) for one `ccgettoken` in the browser: the
   * card goes from the browser to Converge, and only the resulting `ssl_token` comes to Arbor.
   */
  async createSessionToken(): Promise<string> {
    const text = await this.post(
      hostedPaymentsUrl(this.config.url, 'transaction_token'),
      new URLSearchParams({
        ssl_merchant_id: this.config.merchantId,
        ssl_user_id: this.config.userId,
        ssl_pin: this.config.pin,
        ssl_transaction_type: 'ccgettoken',
      }),
    );
    const token = text.trim();
    // The token is an opaque printable string; an XML or HTML answer is an error page.
    if (token === '' || token.length > 512 || /[\s<>]/.test(token)) {
      throw new ConvergeNoAnswerError('Converge did not answer with a session token');
    }
    return token;
  }

  private async post(url: string, form: URLSearchParams): Promise<string> {
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/xml, text/plain',
        },
        body: form.toString(),
        // Covers the whole exchange, body included.
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw new ConvergeNoAnswerError(`HTTP ${response.status}`);
      return text;
    } catch (caught) {
      if (caught instanceof ConvergeNoAnswerError) throw caught;
      throw new ConvergeNoAnswerError(
        // A DOMException, which is not an Error in every realm (Jest's, for one): match by name.
        (caught as { name?: unknown } | null)?.name === 'TimeoutError'
          ? `no answer within ${this.config.timeoutMs} ms`
          : describeFailure(caught),
      );
    }
  }
}

/** The Hosted Payments endpoints live beside the XML API on the same host (demo or production). */
export function hostedPaymentsUrl(xmlApiUrl: string, resource: 'transaction_token' | 'Checkout.js'): string {
  return new URL(`/hosted-payments/${resource}`, xmlApiUrl).toString();
}

const FIELD_NAME = /^ssl_[a-z0-9_]+$/;

const builder = new XMLBuilder({ format: false, processEntities: true, suppressEmptyNode: false });

/** `<txn><ssl_a>…</ssl_a>…</txn>`, every value escaped (`&`, `<`, `>`). */
export function buildTxnXml(fields: Readonly<Record<string, string>>): string {
  for (const name of Object.keys(fields)) {
    // Names become element names: only Converge's own are allowed, never a caller's text.
    if (!FIELD_NAME.test(name)) throw new Error(`not a Converge field name: ${name}`);
  }
  return builder.build({ txn: fields });
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Values stay strings: "000123" and "0.10" must not become numbers.
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
  isArray: (_name, jpath) => jpath === 'txnlist.txn',
});

/** Reads an answer: a `<txn>`, an error `<txn>`, or a `<txnlist>`. */
export function parseConvergeXml(xml: string): ConvergeAnswer {
  const document = parser.parse(xml, true) as Record<string, unknown>;
  const list = document['txnlist'];
  if (list !== undefined) {
    const transactions =
      typeof list === 'object' && list !== null ? (list as { txn?: unknown }).txn : undefined;
    return { kind: 'txnlist', transactions: Array.isArray(transactions) ? transactions.map(fieldsOf) : [] };
  }
  if (!('txn' in document)) throw new Error('neither <txn> nor <txnlist>');
  const fields = fieldsOf(document['txn']);
  const code = fields['errorCode'];
  if (code !== undefined && code !== '') {
    return { kind: 'error', code, name: fields['errorName'] ?? '', message: fields['errorMessage'] ?? '' };
  }
  return { kind: 'txn', fields };
}

function fieldsOf(element: unknown): ConvergeFields {
  if (element === '' || element === null || element === undefined) return {};
  if (typeof element !== 'object' || Array.isArray(element)) throw new Error('<txn> must hold fields');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(element as Record<string, unknown>)) {
    if (typeof value === 'string') fields[name] = value;
    else if (value === null || value === undefined) fields[name] = '';
    // A repeated or nested field is not part of the answers Arbor reads; it is skipped, not guessed.
  }
  return fields;
}

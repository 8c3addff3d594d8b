import { createRequire } from 'node:module';
import { APIContracts, APIControllers, type ApiController, type SdkConfig } from 'authorizenet';
import { describeFailure } from './payment-processor';

/**
 * The official `authorizenet` SDK made safe to call from a long-running service. Three traps,
 * each handled here and nowhere else:
 *
 * 1. `execute(cb)` never calls back when the request fails — timeout, refused connection, a
 *    5xx — it logs and keeps the error (sdk-node#104). Every call is a promise with a deadline;
 *    the kept error is polled so a refused connection fails at once rather than at the deadline.
 * 2. Every contract and controller object registers a winston logger in winston's global
 *    container under a random name and never removes it: ~60 KB per API call, measured (10 000
 *    calls → 590 MB). The loggers made while building a call are taken out of the container
 *    again; the objects still hold them, so the SDK keeps working.
 * 3. The SDK's default endpoint is the *sandbox*, and its default timeout two minutes: both are
 *    always set explicitly.
 *
 * Answers are plain JSON (the SDK's axios strips the byte-order mark the API starts with; a
 * string answer is parsed here after stripping it).
 */

export interface AnetMessages {
  readonly resultCode: 'Ok' | 'Error';
  readonly message: readonly { readonly code: string; readonly text: string }[];
}

export interface AnetTransactionResponse {
  readonly responseCode?: string;
  readonly authCode?: string;
  readonly transId?: string;
  readonly refTransID?: string;
  readonly accountNumber?: string;
  readonly accountType?: string;
  readonly messages?: readonly { readonly code: string; readonly description: string }[];
  readonly errors?: readonly { readonly errorCode: string; readonly errorText: string }[];
}

export interface AnetTransactionDetails {
  readonly transId: string;
  readonly refTransId?: string;
  readonly transactionType?: string;
  readonly transactionStatus: string;
  readonly responseCode?: number;
  readonly authAmount?: number;
  readonly settleAmount?: number;
  readonly authCode?: string;
  readonly batch?: { readonly batchId?: string; readonly settlementState?: string };
  readonly payment?: { readonly creditCard?: { readonly cardNumber?: string; readonly cardType?: string } };
  readonly order?: { readonly invoiceNumber?: string };
}

/** transactionSummaryType: one entry of the reporting lists. */
export interface AnetTransactionSummary {
  readonly transId: string;
  readonly submitTimeUTC?: string;
  readonly transactionStatus?: string;
  readonly invoiceNumber?: string;
  readonly settleAmount?: number;
}

export interface AnetBatch {
  readonly batchId: string;
  readonly settlementTimeUTC?: string;
  readonly settlementState?: string;
}

/**
 * The schema's `ArrayOf…` lists: the JSON API writes them as plain arrays, while the XML form
 * (and the SDK's own response classes) wrap them in one element named for the entry.
 */
type AnetList<T, Entry extends string> = readonly T[] | { readonly [key in Entry]?: T | readonly T[] };

export interface AnetAnswer {
  readonly refId?: string;
  readonly messages: AnetMessages;
  readonly transactionResponse?: AnetTransactionResponse;
  readonly transaction?: AnetTransactionDetails;
  readonly opaqueData?: { readonly dataDescriptor: string; readonly dataValue: string };
  readonly transactions?: AnetList<AnetTransactionSummary, 'transaction'>;
  readonly totalNumInResultSet?: number;
  readonly batchList?: AnetList<AnetBatch, 'batch'>;
}

/** The entries of a reporting list, whichever way it was written. */
export function anetListEntries<T, Entry extends string>(
  list: AnetList<T, Entry> | undefined,
  entry: Entry,
): readonly T[] {
  if (list === undefined) return [];
  if (Array.isArray(list)) return list as readonly T[];
  const inner = (list as { readonly [key in Entry]?: T | readonly T[] })[entry];
  if (inner === undefined) return [];
  return Array.isArray(inner) ? (inner as readonly T[]) : [inner as T];
}

/** The most a reporting list answers per page (Authorize.net's `paging.limit` maximum). */
export const ANET_PAGE_LIMIT = 1000;

/** The call got no usable answer: the outcome of what it asked for is unknown. */
export class AnetNoAnswerError extends Error {
  override readonly name = 'AnetNoAnswerError';
}

export interface AuthorizeNetClientConfig {
  /** `…/xml/v1/request.api` of the environment. */
  readonly endpoint: string;
  readonly apiLoginId: string;
  readonly transactionKey: string;
  readonly timeoutMs: number;
}

export class AuthorizeNetClient {
  private readonly sdkConfig: SdkConfig;

  constructor(private readonly config: AuthorizeNetClientConfig) {
    this.sdkConfig = {
      // The SDK's own axios deadline, so the socket is closed when ours passes.
      timeout: config.timeoutMs,
      clientId: SDK_CLIENT_ID,
      // Off, and above debug, so request bodies (keys, tokens) are never even formatted.
      logger: { enabled: false, location: './', level: 'error' },
      proxy: { setProxy: false, proxyUrl: '' },
    };
  }

  authenticateTest(): Promise<AnetAnswer> {
    return this.call(
      () => new APIContracts.AuthenticateTestRequest({ merchantAuthentication: this.merchant() }),
      APIControllers.AuthenticateTestController,
    );
  }

  /** `refId` (≤ 20 characters) is echoed in the answer. */
  createTransaction(transactionRequest: Record<string, unknown>, refId?: string): Promise<AnetAnswer> {
    return this.call(
      () =>
        new APIContracts.CreateTransactionRequest({
          merchantAuthentication: this.merchant(),
          ...(refId === undefined ? {} : { refId }),
          transactionRequest,
        }),
      APIControllers.CreateTransactionController,
    );
  }

  transactionDetails(transId: string): Promise<AnetAnswer> {
    return this.call(
      () =>
        new APIContracts.GetTransactionDetailsRequest({ merchantAuthentication: this.merchant(), transId }),
      APIControllers.GetTransactionDetailsController,
    );
  }

  /**
   * One page (from 1) of the transactions not yet in a settled batch, oldest first
   * (getUnsettledTransactionListRequest).
   */
  unsettledTransactions(page: number): Promise<AnetAnswer> {
    return this.call(
      () =>
        new REPORTING_CONTRACTS.GetUnsettledTransactionListRequest({
          merchantAuthentication: this.merchant(),
          sorting: { orderBy: 'submitTimeUTC', orderDescending: false },
          paging: { limit: ANET_PAGE_LIMIT, offset: page },
        }),
      REPORTING_CONTROLLERS.GetUnsettledTransactionListController,
    );
  }

  /** The batches settled between two instants, UTC (getSettledBatchListRequest; at most 31 days apart). */
  settledBatches(first: Date, last: Date): Promise<AnetAnswer> {
    return this.call(
      () =>
        new REPORTING_CONTRACTS.GetSettledBatchListRequest({
          merchantAuthentication: this.merchant(),
          includeStatistics: false,
          firstSettlementDate: utcSeconds(first),
          lastSettlementDate: utcSeconds(last),
        }),
      REPORTING_CONTROLLERS.GetSettledBatchListController,
    );
  }

  /** One page (from 1) of a settled batch's transactions (getTransactionListRequest). */
  batchTransactions(batchId: string, page: number): Promise<AnetAnswer> {
    return this.call(
      () =>
        new REPORTING_CONTRACTS.GetTransactionListRequest({
          merchantAuthentication: this.merchant(),
          batchId,
          sorting: { orderBy: 'submitTimeUTC', orderDescending: false },
          paging: { limit: ANET_PAGE_LIMIT, offset: page },
        }),
      REPORTING_CONTROLLERS.GetTransactionListController,
    );
  }

  /**
   * Accept's tokenization call, authenticated with the Public Client Key as the browser sends it.
   * Arbor calls it only with a number that can never be a card, to learn whether the key is
   * accepted (see the processor's testConnection).
   */
  securePaymentContainer(publicClientKey: string, token: Record<string, string>): Promise<AnetAnswer> {
    return this.call(
      () =>
        new APIContracts.SecurePaymentContainerRequest({
          merchantAuthentication: { name: this.config.apiLoginId, clientKey: publicClientKey },
          data: { type: 'TOKEN', id: 'arbor-connection-test', token },
        }),
      APIControllers.SecurePaymentContainerController,
    );
  }

  private merchant(): { name: string; transactionKey: string } {
    return { name: this.config.apiLoginId, transactionKey: this.config.transactionKey };
  }

  private async call(
    contract: () => { getJSON(): Record<string, unknown> },
    Controller: new (request: Record<string, unknown>, config?: SdkConfig) => ApiController,
  ): Promise<AnetAnswer> {
    const controller = withoutLoggerLeak(() => new Controller(contract().getJSON(), this.sdkConfig));
    controller.setEnvironment(this.config.endpoint);
    return parseAnetAnswer(await executeWithTimeout(controller, this.config.timeoutMs));
  }
}

type ReportingContract = new (fields: Record<string, unknown>) => { getJSON(): Record<string, unknown> };
type ReportingController = new (request: Record<string, unknown>, config?: SdkConfig) => ApiController;

/**
 * The SDK's Transaction Reporting contracts and controllers. The shared declaration of the SDK
 * lists only the calls Arbor made before these, so they are read by name and checked once, at
 * load: an SDK without them fails at start, not at the first recovery.
 */
const REPORTING_CONTRACTS = sdkMembers(
  APIContracts as unknown as Readonly<Record<string, ReportingContract | undefined>>,
  ['GetUnsettledTransactionListRequest', 'GetSettledBatchListRequest', 'GetTransactionListRequest'] as const,
);
const REPORTING_CONTROLLERS = sdkMembers(
  APIControllers as unknown as Readonly<Record<string, ReportingController | undefined>>,
  [
    'GetUnsettledTransactionListController',
    'GetSettledBatchListController',
    'GetTransactionListController',
  ] as const,
);

function sdkMembers<T, Name extends string>(
  from: Readonly<Record<string, T | undefined>>,
  names: readonly Name[],
): Readonly<Record<Name, T>> {
  const found = {} as Record<Name, T>;
  for (const name of names) {
    const member = from[name];
    if (typeof member !== 'function') throw new Error(`the authorizenet SDK has no ${name}`);
    found[name] = member;
  }
  return found;
}

/** xs:dateTime in UTC, to the second, as the reporting calls take it. */
function utcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Runs `execute` and settles on its callback, on the SDK's kept error, or at the deadline. */
export function executeWithTimeout(controller: ApiController, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(watch);
      settle();
    };
    const deadline = setTimeout(
      () => finish(() => reject(new AnetNoAnswerError(`no answer within ${timeoutMs} ms`))),
      timeoutMs,
    );
    const watch = setInterval(() => {
      const error = controller.getError();
      if (error) finish(() => reject(new AnetNoAnswerError(describeTransportError(error))));
    }, 20);
    try {
      controller.execute(() => finish(() => resolve(controller.getResponse())));
    } catch (caught) {
      finish(() => reject(new AnetNoAnswerError(describeFailure(caught))));
    }
  });
}

/** The answer as JSON; a string answer still carries the API's byte-order mark. */
export function parseAnetAnswer(response: unknown): AnetAnswer {
  let value = response;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value.replace(/^\uFEFF/, '')) as unknown;
    } catch {
      throw new AnetNoAnswerError('the answer is not JSON');
    }
  }
  const messages = (value as { messages?: { resultCode?: unknown; message?: unknown } } | null)?.messages;
  if (
    typeof value !== 'object' ||
    value === null ||
    (messages?.resultCode !== 'Ok' && messages?.resultCode !== 'Error') ||
    !Array.isArray(messages.message)
  ) {
    throw new AnetNoAnswerError('the answer has no messages.resultCode');
  }
  return value as AnetAnswer;
}

/** An axios error, described without its request (which holds the keys and the token). */
function describeTransportError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; response?: { status?: unknown } };
  if (typeof e.response?.status === 'number') return `HTTP ${e.response.status}`;
  const code = typeof e.code === 'string' ? e.code : 'network error';
  return typeof e.message === 'string' ? `${code}: ${e.message}`.slice(0, 200) : code;
}

const sdkRequire = createRequire(require.resolve('authorizenet'));
const SDK_CLIENT_ID = `sdk-node-${(sdkRequire('../package.json') as { version: string }).version}`;

/** winston's global logger container, as the SDK's own copy of winston holds it. */
const sdkLoggers: Map<string, unknown> | undefined = (() => {
  try {
    const loggers = (sdkRequire('winston') as { loggers?: { loggers?: unknown } }).loggers?.loggers;
    return loggers instanceof Map ? (loggers as Map<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Builds SDK objects, then forgets the loggers they registered. Building is synchronous, so
 * every name added meanwhile belongs to these objects and no concurrent call's.
 */
export function withoutLoggerLeak<T>(build: () => T): T {
  if (!sdkLoggers) return build();
  const before = new Set(sdkLoggers.keys());
  try {
    return build();
  } finally {
    for (const name of [...sdkLoggers.keys()]) if (!before.has(name)) sdkLoggers.delete(name);
  }
}

/** How many loggers the SDK holds; for the leak test. */
export function sdkLoggerCount(): number {
  return sdkLoggers?.size ?? 0;
}

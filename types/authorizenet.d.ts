/**
 * The part of the official `authorizenet` SDK (1.0.10) that Arbor uses (the payments adapter and
 * the processor sandbox's tests); the SDK ships no type declarations. Contract classes are built from plain objects and serialised with `getJSON()`,
 * which also puts elements in the schema order the JSON API requires. Controllers take that
 * JSON and an optional SDK configuration (which replaces the SDK's module-wide one).
 */
declare module 'authorizenet' {
  export interface ApiRequestContract {
    getJSON(): Record<string, unknown>;
  }
  type ContractClass = new (fields: Record<string, unknown>) => ApiRequestContract;

  export const APIContracts: {
    readonly AuthenticateTestRequest: ContractClass;
    readonly CreateTransactionRequest: ContractClass;
    readonly GetTransactionDetailsRequest: ContractClass;
    readonly SecurePaymentContainerRequest: ContractClass;
    readonly TransactionTypeEnum: {
      readonly AUTHCAPTURETRANSACTION: 'authCaptureTransaction';
      readonly REFUNDTRANSACTION: 'refundTransaction';
      readonly VOIDTRANSACTION: 'voidTransaction';
    };
  };

  /** `lib/config.js`'s shape. */
  export interface SdkConfig {
    timeout: number;
    clientId: string;
    logger: { enabled: boolean; location: string; level: string };
    proxy: { setProxy: boolean; proxyUrl: string };
  }

  export interface ApiController {
    setEnvironment(url: string): void;
    /** Calls back on an answer; on a network error or non-2xx status it logs and never calls back (sdk-node#104). */
    execute(callback: () => void): void;
    getResponse(): unknown;
    /** Set (by the SDK's axios `catch`) when the request failed. */
    getError(): unknown;
  }
  type ControllerClass = new (request: Record<string, unknown>, config?: SdkConfig) => ApiController;

  export const APIControllers: {
    readonly AuthenticateTestController: ControllerClass;
    readonly CreateTransactionController: ControllerClass;
    readonly GetTransactionDetailsController: ControllerClass;
    readonly SecurePaymentContainerController: ControllerClass;
  };

  export const Constants: {
    readonly endpoint: { readonly sandbox: string; readonly production: string };
  };
}

/**
 * The part of the official `authorizenet` SDK (1.0.10) the integration tests drive. The SDK ships
 * no type declarations; these describe its contract classes (built from plain objects, then
 * `getJSON()`) and its controllers (`setEnvironment`, `execute`, `getResponse`).
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

  export interface ApiController {
    setEnvironment(url: string): void;
    /** Calls back on an answer; on a network error it logs and never calls back (sdk-node#104). */
    execute(callback: () => void): void;
    getResponse(): unknown;
    getError(): unknown;
  }
  type ControllerClass = new (request: Record<string, unknown>) => ApiController;

  export const APIControllers: {
    readonly AuthenticateTestController: ControllerClass;
    readonly CreateTransactionController: ControllerClass;
    readonly GetTransactionDetailsController: ControllerClass;
    readonly SecurePaymentContainerController: ControllerClass;
  };
}

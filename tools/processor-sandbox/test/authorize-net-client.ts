import type { ApiController } from 'authorizenet';

/**
 * Runs one SDK controller against `endpoint` and resolves with its raw answer. The SDK's
 * `execute(cb)` never calls back when the request fails at the network level (the
 * authorizenet SDK's issue sdk-node#104), so every call has a timeout.
 */
export function executeWithTimeout(
  controller: ApiController,
  endpoint: string,
  timeoutMs = 5000,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Authorize.net call timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    controller.setEnvironment(endpoint);
    controller.execute(() => {
      clearTimeout(timer);
      resolve(controller.getResponse());
    });
  });
}

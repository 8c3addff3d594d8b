import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/**
 * Test support for the adapters' integration specs: the processor sandbox (the one place this
 * app reaches into `tools/`), a server that accepts connections and never answers, a webhook
 * receiver, what the browser would do to tokenize, and fresh well-formed test credentials.
 */
// Test support only (the build skips test/ folders). The sandbox is a tool, not a library, and has
// no import alias; this single line is the one place an app's tests reach into tools/.
// eslint-disable-next-line @nx/enforce-module-boundaries
export { startProcessorSandbox, type ProcessorSandbox } from '../../../../../tools/processor-sandbox/src';

/** A TCP port that accepts connections and never answers: the shape of a hung processor. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Read and drop whatever arrives; answer nothing.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local endpoint that keeps every POST it receives and answers 200. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  next(match: (hook: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const waiting: { match: (hook: ReceivedWebhook) => boolean; resolve: (hook: ReceivedWebhook) => void }[] =
    [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hook = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(hook);
      for (const waiter of [...waiting]) {
        if (!waiter.match(hook)) continue;
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(hook);
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    next(match, timeoutMs = 5000) {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching webhook arrived')), timeoutMs);
        waiting.push({
          match,
          resolve: (hook) => {
            clearTimeout(timer);
            resolve(hook);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * What Accept.js does in the browser: card data to Authorize.net's `securePaymentContainerRequest`
 * with the Public Client Key, a one-use nonce back. (In production this never touches Arbor.)
 */
export async function acceptNonce(
  endpoint: string,
  apiLoginId: string,
  publicClientKey: string,
  card: { cardNumber: string; expirationDate?: string; cardCode?: string; zip?: string },
): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      securePaymentContainerRequest: {
        merchantAuthentication: { name: apiLoginId, clientKey: publicClientKey },
        data: {
          type: 'TOKEN',
          id: randomBytes(8).toString('hex'),
          token: { expirationDate: '122035', ...card },
        },
      },
    }),
  });
  const answer = JSON.parse((await response.text()).replace(/^\uFEFF/, '')) as {
    opaqueData?: { dataValue: string };
  };
  if (!answer.opaqueData) throw new Error(`no nonce: ${JSON.stringify(answer)}`);
  return answer.opaqueData.dataValue;
}

const alphanumeric = (length: number) =>
  Array.from(
    { length },
    () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[randomInt(56)],
  ).join('');

/** Fresh credentials per test: each is its own account in the sandbox, so state never leaks. */
export const testCredentials = {
  stripe: () => ({
    secretKey: `sk_test_${alphanumeric(24)}`,
    publishableKey: `pk_test_${alphanumeric(24)}`,
    webhookSecret: `whsec_${alphanumeric(32)}`,
  }),
  authorizeNet: () => ({
    apiLoginId: `login${alphanumeric(8)}`,
    transactionKey: alphanumeric(16),
    publicClientKey: alphanumeric(40),
    signatureKey: randomBytes(64).toString('hex').toUpperCase(),
  }),
  converge: () => ({
    merchantId: String(randomInt(100_000, 9_999_999)),
    userId: `apiuser${alphanumeric(6)}`,
    pin: alphanumeric(64),
  }),
};

import type { z } from 'zod';
import {
  ArborError,
  AuthorizeNetCredentials,
  ElavonCredentials,
  StripeCredentials,
  fieldErrors,
  type ProcessorType,
} from '@arbor/contracts';
import { AuthorizeNetProcessor } from './authorize-net.processor';
import { ConvergeProcessor } from './converge.processor';
import type { PaymentProcessor, ProcessorOptions } from './payment-processor';
import { StripeProcessor } from './stripe.processor';

/**
 * Where each processor is reached. Production leaves every entry undefined and each adapter
 * uses the processor's production API; tests and the demo point them all at
 * `tools/processor-sandbox` ({@link sandboxEndpoints}), or at a processor's own test
 * environment (`AUTHORIZE_NET_ENDPOINTS.sandbox`, `CONVERGE_ENDPOINTS.demo`).
 */
export interface ProcessorEndpoints {
  readonly stripe?: { readonly host: string; readonly port: number; readonly protocol: 'http' | 'https' };
  /** `…/xml/v1/request.api`. */
  readonly authorizeNet?: string;
  /** `…/processxml.do`. */
  readonly converge?: string;
}

export interface ProcessorCredentialsByType {
  stripe: z.infer<typeof StripeCredentials>;
  authorize_net: z.infer<typeof AuthorizeNetCredentials>;
  elavon: z.infer<typeof ElavonCredentials>;
}

/**
 * The adapter for one processor account. Credentials come from storage (decrypted) and are
 * checked again here, so a damaged record fails with the field named, before any call.
 */
export function createProcessor<T extends ProcessorType>(
  type: T,
  credentials: ProcessorCredentialsByType[T],
  endpoints: ProcessorEndpoints = {},
  options: ProcessorOptions = {},
): PaymentProcessor {
  switch (type) {
    case 'stripe': {
      const c = parse(StripeCredentials, credentials);
      return new StripeProcessor({
        ...options,
        secretKey: c.secretKey,
        publishableKey: c.publishableKey,
        ...(c.webhookSecret ? { webhookSecret: c.webhookSecret } : {}),
        ...(endpoints.stripe ?? {}),
      });
    }
    case 'authorize_net': {
      const c = parse(AuthorizeNetCredentials, credentials);
      return new AuthorizeNetProcessor({
        ...options,
        apiLoginId: c.apiLoginId,
        transactionKey: c.transactionKey,
        publicClientKey: c.publicClientKey,
        ...(c.signatureKey ? { signatureKey: c.signatureKey } : {}),
        ...(endpoints.authorizeNet ? { endpoint: endpoints.authorizeNet } : {}),
      });
    }
    case 'elavon': {
      const c = parse(ElavonCredentials, credentials);
      return new ConvergeProcessor({
        ...options,
        merchantId: c.merchantId,
        userId: c.userId,
        pin: c.pin,
        ...(endpoints.converge ? { url: endpoints.converge } : {}),
      });
    }
    default:
      throw ArborError.validation('unknown processor type', [
        { path: 'type', message: 'must be one of stripe, authorize_net, elavon' },
      ]);
  }
}

/** Every processor pointed at one running `tools/processor-sandbox` (e.g. `http://127.0.0.1:12111`). */
export function sandboxEndpoints(sandboxUrl: string): Required<ProcessorEndpoints> {
  const url = new URL(sandboxUrl);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return {
    stripe: { host: url.hostname, port: Number(url.port || (protocol === 'https' ? 443 : 80)), protocol },
    authorizeNet: new URL('/xml/v1/request.api', url).toString(),
    converge: new URL('/VirtualMerchantDemo/processxml.do', url).toString(),
  };
}

function parse<S extends z.ZodType>(schema: S, credentials: unknown): z.infer<S> {
  const parsed = schema.safeParse(credentials);
  if (!parsed.success) {
    // zod's messages name the field and its expected shape; they never echo the value.
    throw ArborError.validation(
      'the stored credentials are incomplete',
      fieldErrors(parsed.error, 'credentials'),
    );
  }
  return parsed.data;
}

import { Controller, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  ArborError,
  fieldErrors,
  PROCESSOR_OF_SLUG,
  ReceiveProcessorWebhook,
  ReceiveProcessorWebhookRoute,
  WEBHOOK_HEADER_NAMES,
  WebhookSignatureHeaders,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';
import { rawBodyOf, TakesRawBody } from './raw-body';

/**
 * Stripe's and Authorize.net's webhooks. Public (processors hold no Arbor token: the signature,
 * which payments checks with the account's own secret, is the proof), rate limited per address
 * like every anonymous request, and forwarded with the exact bytes and only the headers the
 * signature check needs.
 */
@Controller()
export class WebhooksController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(ReceiveProcessorWebhookRoute)
  @TakesRawBody()
  receive(
    @RouteInput() { params }: Input<typeof ReceiveProcessorWebhookRoute>,
    @Req() request: FastifyRequest,
  ): Promise<RouteResponse<typeof ReceiveProcessorWebhookRoute>> {
    return this.bus.send(ReceiveProcessorWebhook, {
      webhook: {
        processor: PROCESSOR_OF_SLUG[params.processor],
        processorAccountId: params.processorAccountId,
        headers: signatureHeadersOf(request.headers),
        rawBody: rawBodyOf(request).toString('base64'),
      },
    });
  }
}

/** The signature headers and the content type, and nothing else the sender sent. */
export function signatureHeadersOf(headers: FastifyRequest['headers']): WebhookSignatureHeaders {
  const picked: Record<string, string> = {};
  for (const name of WEBHOOK_HEADER_NAMES) {
    const value = headers[name];
    // A signature header sent twice is not one Arbor can check: it is refused as malformed.
    if (Array.isArray(value)) throw malformed(name, 'must be sent once');
    if (value !== undefined) picked[name] = value;
  }
  const parsed = WebhookSignatureHeaders.safeParse(picked);
  if (!parsed.success) {
    throw ArborError.validation('invalid webhook headers', fieldErrors(parsed.error));
  }
  return parsed.data;
}

function malformed(header: string, message: string): ArborError {
  return ArborError.validation(`the ${header} header ${message}`, [{ path: header, message }]);
}

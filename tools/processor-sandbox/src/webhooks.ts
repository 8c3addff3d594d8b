/**
 * Webhook delivery shared by the Stripe and Authorize.net fakes: a POST of the exact signed body,
 * one delivery at a time per sandbox (so events arrive in the order they happened), each recorded
 * so tests can see what was sent and what the receiver answered.
 */

export type WebhookProcessor = 'stripe' | 'authorize_net';

export interface WebhookDelivery {
  readonly processor: WebhookProcessor;
  readonly url: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** HTTP status answered by the receiver, or `null` when it could not be reached. */
  readonly status: number | null;
  readonly error: string | null;
  readonly deliveredAt: string;
}

export interface WebhookRequest {
  readonly processor: WebhookProcessor;
  readonly url: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RECORDED = 500;

export class WebhookDispatcher {
  private readonly recorded: WebhookDelivery[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  /** Delivers now (after any delivery already queued) and resolves with the outcome. */
  deliver(request: WebhookRequest): Promise<WebhookDelivery> {
    const run = this.queue.then(() => this.send(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Queues a delivery the caller does not wait for, as the processors do after answering. */
  enqueue(request: WebhookRequest): void {
    void this.deliver(request);
  }

  /** Resolves once every delivery queued so far has been attempted. */
  async idle(): Promise<void> {
    await this.queue;
  }

  deliveries(): readonly WebhookDelivery[] {
    return [...this.recorded];
  }

  clear(): void {
    this.recorded.length = 0;
  }

  private async send(request: WebhookRequest): Promise<WebhookDelivery> {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const delivery: WebhookDelivery = { ...request, status, error, deliveredAt: new Date().toISOString() };
    this.recorded.push(delivery);
    if (this.recorded.length > MAX_RECORDED) this.recorded.shift();
    return delivery;
  }
}

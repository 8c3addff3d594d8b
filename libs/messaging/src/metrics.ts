import { Counter, Histogram, type Metric, type Registry } from 'prom-client';

/**
 * The bus's metrics, created once per process and registered into each service's registry when
 * it starts, so `/metrics` shows what an operator watches: request latency and errors by
 * message, events applied, skipped as duplicates, retried or dead-lettered, and the outbox's flow.
 */
export const messagingMetrics = {
  rpcRequests: new Counter({
    name: 'arbor_rpc_requests_total',
    help: 'Requests handled, by message and outcome (ok or the error code)',
    labelNames: ['pattern', 'outcome'] as const,
    registers: [],
  }),
  rpcDuration: new Histogram({
    name: 'arbor_rpc_request_duration_seconds',
    help: 'Time to handle a request, by message',
    labelNames: ['pattern'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [],
  }),
  eventsHandled: new Counter({
    name: 'arbor_events_handled_total',
    help: 'Event deliveries, by event and outcome (applied, duplicate, retried, dead_lettered)',
    labelNames: ['event', 'outcome'] as const,
    registers: [],
  }),
  outboxPublished: new Counter({
    name: 'arbor_outbox_published_total',
    help: 'Events the outbox relay published and RabbitMQ confirmed',
    registers: [],
  }),
  outboxFailures: new Counter({
    name: 'arbor_outbox_relay_failures_total',
    help: 'Relay batches that failed and will be retried',
    registers: [],
  }),
};

export function registerMessagingMetrics(registry: Registry): void {
  const metrics: Array<[string, Metric]> = [
    ['arbor_rpc_requests_total', messagingMetrics.rpcRequests],
    ['arbor_rpc_request_duration_seconds', messagingMetrics.rpcDuration],
    ['arbor_events_handled_total', messagingMetrics.eventsHandled],
    ['arbor_outbox_published_total', messagingMetrics.outboxPublished],
    ['arbor_outbox_relay_failures_total', messagingMetrics.outboxFailures],
  ];
  for (const [name, metric] of metrics) {
    if (!registry.getSingleMetric(name)) registry.registerMetric(metric);
  }
}

import type { Channel } from 'amqplib';
import type { Logger } from '@arbor/observability';

/**
 * Nest's `ServerRMQ.setupChannel` neither awaits nor catches `channel.consume(…)`: a channel
 * closed while it is being set up (a service stopped just after it started, a broker restart)
 * rejects with no handler, which ends the process. Handling the rejection here leaves recovery
 * to amqp-connection-manager, which sets the channel up again on reconnect.
 */
export function guardConsume(channel: Channel, logger: Logger): void {
  const consume = channel.consume.bind(channel);
  channel.consume = (...args: Parameters<Channel['consume']>) => {
    const consuming = consume(...args);
    consuming.catch((error: unknown) =>
      logger.warn({ err: error }, 'could not start consuming; will retry on reconnect'),
    );
    return consuming;
  };
}

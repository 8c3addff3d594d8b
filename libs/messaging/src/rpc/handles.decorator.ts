import { Ctx, MessagePattern, Payload, RpcException, type RmqContext } from '@nestjs/microservices';
import {
  ArborError,
  fieldErrors,
  type PayloadOf,
  type ReplyOf,
  type RequestContract,
} from '@arbor/contracts';
import { runWithTraceContext } from '@arbor/observability';
import { ARBOR_RPC } from '../transports';
import { messagingMetrics } from '../metrics';
import { toWireError } from '../errors';
import { rpcLogger, traceContextOf } from './rpc-context';

type RequestHandler<C extends RequestContract> = (
  payload: PayloadOf<C>,
  context: RmqContext,
) => Promise<ReplyOf<C>> | ReplyOf<C>;

/**
 * Declares the method that answers a command or query. The payload is validated before the
 * method runs (an invalid one is answered with `validation_failed` naming the fields, and the
 * method never sees it), the reply is validated before it leaves, and whatever is thrown goes
 * back as a typed `{code, message, details}`.
 */
export function Handles<C extends RequestContract>(contract: C) {
  return <T extends RequestHandler<C>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): TypedPropertyDescriptor<T> => {
    const original = descriptor.value;
    if (!original) throw new Error(`@Handles(${contract.pattern}) must decorate a method`);
    const handlerName = `${target.constructor.name}.${String(key)}`;

    async function handle(this: unknown, raw: unknown, context: RmqContext): Promise<ReplyOf<C>> {
      return runWithTraceContext(traceContextOf(context), async () => {
        const stopTimer = messagingMetrics.rpcDuration.startTimer({ pattern: contract.pattern });
        let outcome = 'ok';
        try {
          const payload = contract.payload.safeParse(raw);
          if (!payload.success) {
            throw ArborError.validation(`invalid ${contract.pattern} payload`, fieldErrors(payload.error));
          }
          const reply = await original!.call(this, payload.data as PayloadOf<C>, context);
          const checked = contract.reply.safeParse(reply);
          if (!checked.success) {
            rpcLogger().error(
              { pattern: contract.pattern, handler: handlerName, errors: fieldErrors(checked.error) },
              'handler produced a reply that breaks its contract',
            );
            throw new ArborError('internal', 'internal error');
          }
          return checked.data as ReplyOf<C>;
        } catch (error) {
          const wire = toWireError(error);
          if (!(error instanceof ArborError)) {
            const fields = { err: error, pattern: contract.pattern, handler: handlerName };
            // A database restart is an outage to see, not a bug to chase: logged as a warning.
            if (wire.code === 'service_unavailable') {
              rpcLogger().warn(fields, 'database connection lost: answered service_unavailable');
            } else {
              rpcLogger().error(fields, 'request handler failed');
            }
          }
          outcome = wire.code;
          throw new RpcException(wire);
        } finally {
          stopTimer();
          messagingMetrics.rpcRequests.inc({ pattern: contract.pattern, outcome });
        }
      });
    }

    descriptor.value = handle as unknown as T;
    // Without explicit parameter metadata Nest passes the payload alone; the wrapper needs the
    // context too (trace headers).
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    return MessagePattern(contract.pattern, ARBOR_RPC)(target, key, descriptor) as TypedPropertyDescriptor<T>;
  };
}

// What invoicing's integration specs stand on: the service really running (the shared service
// world), a stand-in payments answering on payments' own RPC queue as the real one would (or as a
// test tells it to), and events of the services invoicing learns from, published as their relays
// would publish them.
import path from 'node:path';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { v7 as uuidv7 } from 'uuid';
import {
  ArborError,
  ChargePayment,
  ClientProvidersAssigned,
  CloseChargeKey,
  GetPaymentConfig,
  MembershipChanged,
  QuoteTax,
  GetActiveProcessor,
  RefundPayment,
  ServiceChanged,
  type ChargeKeyStatus,
  type ChargeOutcome,
  type EventEnvelope,
  type PayloadOf,
  type PaymentConfig,
  type RefundOutcome,
} from '@arbor/contracts';
import { ArborRpcServer, Handles } from '@arbor/messaging';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from '../src/invoicing.config';
import { InvoicingModule } from '../src/invoicing.module';

/** What the stand-in payments answers, and everything it was asked. */
export class FakePayments {
  /** Percent of tax on every quote; prices never include it. */
  ratePercent = 8.25;
  quoteUnavailable = false;
  /** The practice's active processor as payments would answer it; `null`: none set up. */
  activeProcessor: 'stripe' | 'authorize_net' | 'elavon' | null = 'stripe';
  chargeOutcome: (payload: PayloadOf<typeof ChargePayment>) => ChargeOutcome = (payload) => ({
    status: 'succeeded',
    attemptId: uuidv7(),
    amount: payload.payment.amount,
    currency: payload.payment.currency,
    processorReference: `ch_${uuidv7()}`,
  });
  /** What payments says an old charge key did when invoicing closes it. */
  keyStatus: (payload: PayloadOf<typeof CloseChargeKey>) => ChargeKeyStatus = () => ({ status: 'none' });
  refundOutcome:
    ((payload: PayloadOf<typeof RefundPayment>) => RefundOutcome | Promise<RefundOutcome>) | undefined;
  /** The practice's payment page configuration, as payments would answer it (or throw). */
  paymentConfig: (payload: PayloadOf<typeof GetPaymentConfig>) => PaymentConfig = () => ({
    processor: 'stripe',
    scriptUrl: 'https://js.stripe.com/v3/',
    publishableKey: 'pk_test_fakePayments0001',
  });
  readonly paymentConfigAsks: Array<PayloadOf<typeof GetPaymentConfig>> = [];
  readonly quotes: Array<PayloadOf<typeof QuoteTax>> = [];
  readonly charges: Array<PayloadOf<typeof ChargePayment>> = [];
  readonly closedKeys: Array<PayloadOf<typeof CloseChargeKey>> = [];
  readonly refunds: Array<PayloadOf<typeof RefundPayment>> = [];

  reset(): void {
    this.ratePercent = 8.25;
    this.quoteUnavailable = false;
    this.activeProcessor = 'stripe';
    this.chargeOutcome = new FakePayments().chargeOutcome;
    this.keyStatus = new FakePayments().keyStatus;
    this.refundOutcome = undefined;
    this.paymentConfig = new FakePayments().paymentConfig;
    this.paymentConfigAsks.length = 0;
    this.quotes.length = 0;
    this.charges.length = 0;
    this.closedKeys.length = 0;
    this.refunds.length = 0;
  }
}

export const fakePayments = new FakePayments();

@Controller()
class FakePaymentsHandlers {
  @Handles(GetActiveProcessor)
  active() {
    return { processor: fakePayments.activeProcessor };
  }

  @Handles(QuoteTax)
  quote(payload: PayloadOf<typeof QuoteTax>) {
    fakePayments.quotes.push(payload);
    if (fakePayments.quoteUnavailable) {
      throw new ArborError('service_unavailable', 'payments is away', { service: 'payments' });
    }
    // Half-up, as payments rounds.
    const tax = Math.round((payload.amount * fakePayments.ratePercent) / 100);
    return {
      subtotal: payload.amount,
      tax,
      total: payload.amount + tax,
      currency: payload.currency,
      ratePercent: fakePayments.ratePercent,
      pricesIncludeTax: false,
    };
  }

  @Handles(ChargePayment)
  charge(payload: PayloadOf<typeof ChargePayment>) {
    fakePayments.charges.push(payload);
    return fakePayments.chargeOutcome(payload);
  }

  @Handles(CloseChargeKey)
  closeKey(payload: PayloadOf<typeof CloseChargeKey>) {
    fakePayments.closedKeys.push(payload);
    return fakePayments.keyStatus(payload);
  }

  @Handles(GetPaymentConfig)
  paymentConfig(payload: PayloadOf<typeof GetPaymentConfig>) {
    fakePayments.paymentConfigAsks.push(payload);
    return fakePayments.paymentConfig(payload);
  }

  @Handles(RefundPayment)
  refund(payload: PayloadOf<typeof RefundPayment>) {
    fakePayments.refunds.push(payload);
    if (!fakePayments.refundOutcome) throw new ArborError('internal', 'the test set no refund outcome');
    return fakePayments.refundOutcome(payload);
  }
}

@Module({ controllers: [FakePaymentsHandlers] })
class FakePaymentsModule {}

export interface InvoicingWorld {
  readonly world: ServiceWorld;
  /** Publishes an event as its service's relay would, and waits until invoicing has taken it. */
  publish(
    type: string,
    practiceId: string,
    data: unknown,
    occurredAt?: Date,
  ): Promise<EventEnvelope<unknown>>;
  /** Client Billing on in the practice, for these providers. */
  enableBilling(practiceId: string, providerIds: string[]): Promise<void>;
  /** A new active client of the practice, in `taxState`, assigned to these providers. */
  newClient(practiceId: string, providerIds: string[], taxState?: string | null): Promise<string>;
  /** A portal account for the client. */
  portalAccount(practiceId: string, clientId: string): Promise<string>;
  close(): Promise<void>;
}

export async function createInvoicingWorld(): Promise<InvoicingWorld> {
  const world = await createServiceWorld({
    service: SERVICE_NAME,
    migrations: path.join(__dirname, '../migrations'),
    jobs: true,
    module: ({ clock }) => InvoicingModule.forRoot({ clock }),
    tap: ['invoicing.#'],
  });
  let payments: INestMicroservice | undefined;
  try {
    payments = await NestFactory.createMicroservice(FakePaymentsModule, {
      strategy: new ArborRpcServer({
        url: world.servers.rabbitmqUrl,
        service: 'payments',
        namespace: world.namespace,
      }),
      logger: false,
    });
    await payments.listen();
  } catch (error) {
    await world.close();
    throw error;
  }
  let ticks = 0;
  const publish = async (type: string, practiceId: string, data: unknown, occurredAt?: Date) => {
    // Events of one test a millisecond apart: a read model keeps the later of two.
    ticks += 1;
    const envelope: EventEnvelope<unknown> = {
      id: uuidv7(),
      type,
      occurredAt: (occurredAt ?? new Date(world.clock.now().getTime() + ticks)).toISOString(),
      practiceId,
      actor: { system: 'test' },
      data,
    };
    await world.events.publish(envelope);
    await world.handled(envelope.id);
    return envelope;
  };
  let revision = 0;
  return {
    world,
    publish,
    async enableBilling(practiceId, providerIds) {
      await publish(ServiceChanged.pattern, practiceId, {
        practiceId,
        key: 'client_billing',
        enabled: true,
        providerIds,
      });
    },
    async newClient(practiceId, providerIds, taxState = 'TX') {
      const clientId = uuidv7();
      revision += 1;
      await publish(ClientProvidersAssigned.pattern, practiceId, {
        practiceId,
        clientId,
        status: 'active',
        taxState,
        revision,
        providerIds,
      });
      return clientId;
    },
    async portalAccount(practiceId, clientId) {
      const userId = uuidv7();
      await publish(MembershipChanged.pattern, practiceId, {
        practiceId,
        userId,
        roles: ['client'],
        clientId,
      });
      return userId;
    },
    async close() {
      await payments?.close();
      await world.close();
    },
  };
}

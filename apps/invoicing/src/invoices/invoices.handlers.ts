import { Controller } from '@nestjs/common';
import {
  CreateInvoice,
  ForgiveInvoice,
  GetInvoice,
  GetPortalInvoice,
  ListClientInvoices,
  ListInvoices,
  ListPortalInvoices,
  PayInvoice,
  PaymentFailed,
  PaymentSucceeded,
  RecordInvoicePayment,
  RefundInvoice,
  RefundSucceeded,
  VoidInvoice,
  type DataOf,
  type EventEnvelope,
  type PayloadOf,
} from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { Handles, HandlesEvent } from '@arbor/messaging';
import { CardPaymentsService } from './card-payments.service';
import { CardRefundsService } from './card-refunds.service';
import { InvoiceIssuingService } from './invoice-issuing.service';
import { InvoiceQueriesService } from './invoice-queries.service';
import { InvoicesService } from './invoices.service';

@Controller()
export class InvoicesHandlers {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly issuing: InvoiceIssuingService,
    private readonly queries: InvoiceQueriesService,
    private readonly cards: CardPaymentsService,
    private readonly refunds: CardRefundsService,
  ) {}

  @Handles(RefundInvoice)
  refund({ actor, invoiceId, body, idempotencyKey }: PayloadOf<typeof RefundInvoice>) {
    return this.refunds.refund(actor, invoiceId, body, idempotencyKey);
  }

  @HandlesEvent(RefundSucceeded)
  async onRefundSucceeded(
    event: EventEnvelope<DataOf<typeof RefundSucceeded>>,
    tx: Transaction,
  ): Promise<void> {
    await this.refunds.applyRefund(tx, event.actor, event.data);
  }

  @Handles(PayInvoice)
  pay({ actor, invoiceId, body, idempotencyKey }: PayloadOf<typeof PayInvoice>) {
    return this.cards.pay(actor, invoiceId, body, idempotencyKey);
  }

  @HandlesEvent(PaymentSucceeded)
  async onPaymentSucceeded(
    event: EventEnvelope<DataOf<typeof PaymentSucceeded>>,
    tx: Transaction,
  ): Promise<void> {
    await this.cards.applyCardPayment(tx, event.actor, event.data);
  }

  @HandlesEvent(PaymentFailed)
  onPaymentFailed(event: EventEnvelope<DataOf<typeof PaymentFailed>>, tx: Transaction): Promise<void> {
    return this.cards.paymentFailed(tx, event.data.invoiceId, event.data.attemptId);
  }

  @Handles(GetInvoice)
  get({ actor, invoiceId }: PayloadOf<typeof GetInvoice>) {
    return this.queries.get(actor, invoiceId);
  }

  @Handles(ListInvoices)
  list({ actor, ...request }: PayloadOf<typeof ListInvoices>) {
    return this.queries.list(actor, request);
  }

  @Handles(ListClientInvoices)
  listForClient({ actor, clientId, limit, cursor }: PayloadOf<typeof ListClientInvoices>) {
    return this.queries.listForClient(actor, clientId, { limit, cursor });
  }

  @Handles(ListPortalInvoices)
  listPortal({ actor, limit, cursor }: PayloadOf<typeof ListPortalInvoices>) {
    return this.queries.listPortal(actor, { limit, cursor });
  }

  @Handles(GetPortalInvoice)
  getPortal({ actor, invoiceId }: PayloadOf<typeof GetPortalInvoice>) {
    return this.queries.getPortal(actor, invoiceId);
  }

  @Handles(CreateInvoice)
  create({ actor, clientId, body }: PayloadOf<typeof CreateInvoice>) {
    return this.issuing.create(actor, clientId, body);
  }

  @Handles(ForgiveInvoice)
  forgive({ actor, invoiceId, body }: PayloadOf<typeof ForgiveInvoice>) {
    return this.invoices.forgive(actor, invoiceId, body);
  }

  @Handles(VoidInvoice)
  void({ actor, invoiceId, body }: PayloadOf<typeof VoidInvoice>) {
    return this.invoices.void(actor, invoiceId, body);
  }

  @Handles(RecordInvoicePayment)
  recordPayment({ actor, invoiceId, body }: PayloadOf<typeof RecordInvoicePayment>) {
    return this.invoices.recordPayment(actor, invoiceId, body);
  }
}

import { Controller, Inject } from '@nestjs/common';
import {
  CreateInvoice,
  CreateInvoiceRoute,
  ForgiveInvoice,
  ForgiveInvoiceRoute,
  GetInvoice,
  GetInvoicePaymentConfig,
  GetInvoicePaymentConfigRoute,
  GetInvoiceRoute,
  GetPortalInvoice,
  GetPortalInvoiceRoute,
  ListClientInvoices,
  ListClientInvoicesRoute,
  ListInvoices,
  ListInvoicesRoute,
  ListPortalInvoices,
  ListPortalInvoicesRoute,
  PayInvoice,
  PayInvoiceRoute,
  RecordInvoicePayment,
  RecordInvoicePaymentRoute,
  RefundInvoice,
  RefundInvoiceRoute,
  VoidInvoice,
  VoidInvoiceRoute,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';
import { PaymentIdempotencyKey } from './payment-idempotency-key';

/**
 * Billing → Invoices, a client's Billing tab, and the portal's invoices. Who may see or change
 * which invoice is invoicing's rule alone; the gateway checks the route's roles and the practice,
 * and hands the money operations a key derived from the request's `Idempotency-Key`.
 */
@Controller()
export class InvoicesController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(CreateInvoiceRoute)
  create(
    @RouteInput() { params, body }: Input<typeof CreateInvoiceRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof CreateInvoiceRoute>> {
    return this.bus.send(CreateInvoice, { actor, clientId: params.cid, body });
  }

  @Endpoint(ListInvoicesRoute)
  list(
    @RouteInput() { query }: Input<typeof ListInvoicesRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListInvoicesRoute>> {
    return this.bus.send(ListInvoices, { ...query, actor });
  }

  @Endpoint(ListClientInvoicesRoute)
  listForClient(
    @RouteInput() { params, query }: Input<typeof ListClientInvoicesRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListClientInvoicesRoute>> {
    return this.bus.send(ListClientInvoices, { ...query, actor, clientId: params.cid });
  }

  @Endpoint(GetInvoiceRoute)
  get(
    @RouteInput() { params }: Input<typeof GetInvoiceRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof GetInvoiceRoute>> {
    return this.bus.send(GetInvoice, { actor, invoiceId: params.iid });
  }

  @Endpoint(RefundInvoiceRoute)
  refund(
    @RouteInput() { params, body }: Input<typeof RefundInvoiceRoute>,
    @CurrentActor() actor: Actor,
    @PaymentIdempotencyKey() idempotencyKey: string,
  ): Promise<RouteResponse<typeof RefundInvoiceRoute>> {
    return this.bus.send(RefundInvoice, { actor, invoiceId: params.iid, body, idempotencyKey });
  }

  @Endpoint(ForgiveInvoiceRoute)
  forgive(
    @RouteInput() { params, body }: Input<typeof ForgiveInvoiceRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ForgiveInvoiceRoute>> {
    return this.bus.send(ForgiveInvoice, { actor, invoiceId: params.iid, body });
  }

  @Endpoint(VoidInvoiceRoute)
  void(
    @RouteInput() { params, body }: Input<typeof VoidInvoiceRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof VoidInvoiceRoute>> {
    return this.bus.send(VoidInvoice, { actor, invoiceId: params.iid, body });
  }

  @Endpoint(RecordInvoicePaymentRoute)
  recordPayment(
    @RouteInput() { params, body }: Input<typeof RecordInvoicePaymentRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof RecordInvoicePaymentRoute>> {
    return this.bus.send(RecordInvoicePayment, { actor, invoiceId: params.iid, body });
  }

  @Endpoint(ListPortalInvoicesRoute)
  portalList(
    @RouteInput() { query }: Input<typeof ListPortalInvoicesRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListPortalInvoicesRoute>> {
    return this.bus.send(ListPortalInvoices, { ...query, actor });
  }

  @Endpoint(GetPortalInvoiceRoute)
  portalGet(
    @RouteInput() { params }: Input<typeof GetPortalInvoiceRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof GetPortalInvoiceRoute>> {
    return this.bus.send(GetPortalInvoice, { actor, invoiceId: params.iid });
  }

  @Endpoint(GetInvoicePaymentConfigRoute)
  portalPaymentConfig(
    @RouteInput() { params }: Input<typeof GetInvoicePaymentConfigRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof GetInvoicePaymentConfigRoute>> {
    return this.bus.send(GetInvoicePaymentConfig, { actor, invoiceId: params.iid });
  }

  @Endpoint(PayInvoiceRoute)
  pay(
    @RouteInput() { params, body }: Input<typeof PayInvoiceRoute>,
    @CurrentActor() actor: Actor,
    @PaymentIdempotencyKey() idempotencyKey: string,
  ): Promise<RouteResponse<typeof PayInvoiceRoute>> {
    return this.bus.send(PayInvoice, { actor, invoiceId: params.iid, body, idempotencyKey });
  }
}

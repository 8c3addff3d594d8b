import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  InvoiceSent,
  QuoteTax,
  GetActiveProcessor,
  StateCode,
  type Actor,
  type CreateInvoiceBody,
  type InvoiceView,
} from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { BUS, DATABASE, emitEvent, type BusClient } from '@arbor/messaging';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { InvoicesRepository } from './invoices.repository';
import { eventStateOf, viewOf } from './invoices.service';

/**
 * Arbor bills practices in the United States (sales tax by US state of the client's address), so
 * every invoice is in dollars until a practice can choose another currency.
 */
export const INVOICE_CURRENCY = 'USD';

/** Create-and-send: who may bill whom is decided from the local read models, the tax by payments. */
@Injectable()
export class InvoiceIssuingService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(BUS) private readonly bus: BusClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: InvoicesRepository,
    private readonly readModels: ReadModelsRepository,
  ) {}

  async create(actor: Actor, clientId: string, body: CreateInvoiceBody): Promise<InvoiceView> {
    requireRole(actor, ['provider'], 'only a provider creates invoices, for their own clients');
    const { practiceId, userId: providerId } = actor;
    if (!(await this.readModels.mayBill(this.db, practiceId, providerId))) {
      throw new ArborError(
        'forbidden',
        'Client Billing is not enabled for you in this practice: an Admin turns it on and assigns providers to it under Services',
        { activeRole: actor.role },
      );
    }
    const client = await this.readModels.client(this.db, practiceId, clientId);
    if (!client) throw new ArborError('not_found', 'no such client in this practice', { reason: 'client' });
    if (!client.providerIds.includes(providerId)) {
      throw new ArborError('not_found', 'this client is not assigned to you', {
        reason: 'client_not_assigned',
      });
    }
    if (client.status === 'archived') {
      throw new ArborError('conflict', 'this client is archived: restore them before sending an invoice', {
        currentStatus: 'archived',
        field: 'clientId',
      });
    }
    // An invoice the client cannot pay is not sent: the practice needs a card processor first.
    const { processor } = await this.bus.send(GetActiveProcessor, { practiceId });
    if (processor === null) {
      throw new ArborError(
        'conflict',
        'the practice has no active card processor: an Admin sets one up under Billing → Setup',
        { field: 'processor' },
      );
    }
    // Asked before the transaction opens, so the practice's number counter is never held locked
    // while payments answers; a creation payments cannot quote creates nothing.
    const state = client.taxState === null ? undefined : StateCode.parse(client.taxState);
    const quote = await this.bus.send(QuoteTax, {
      practiceId,
      amount: body.amount,
      currency: INVOICE_CURRENCY,
      ...(state === undefined ? {} : { clientState: state }),
    });
    return this.db.transaction(async (tx) => {
      const at = this.clock.now();
      const invoice = await this.repository.insertNumbered(tx, {
        id: uuidv7(),
        practiceId,
        clientId,
        providerId,
        description: body.description,
        subtotal: quote.subtotal,
        tax: quote.tax,
        total: quote.total,
        currency: quote.currency,
        taxRule: {
          ratePercent: quote.ratePercent,
          pricesIncludeTax: quote.pricesIncludeTax,
          clientState: state ?? null,
        },
        status: 'unpaid',
        issuedAt: at,
        statusChangedAt: at,
      });
      await this.repository.insertHistory(tx, {
        id: uuidv7(),
        invoiceId: invoice.id,
        fromStatus: null,
        toStatus: 'unpaid',
        at,
        actorId: providerId,
        reason: null,
      });
      await emitEvent(tx, InvoiceSent, eventStateOf(invoice), { practiceId, actor });
      return viewOf(invoice);
    });
  }
}

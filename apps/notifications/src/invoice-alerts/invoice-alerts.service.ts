import { Inject, Injectable } from '@nestjs/common';
import type { DataOf, InvoicePaid, InvoiceSent } from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { AlertsService } from '../alerts/alerts.service';
import { PeopleRepository } from '../people/people.repository';
import {
  invoicePaidAlert,
  invoiceReceiptAlert,
  invoiceSentAlert,
  UNKNOWN_PRACTICE_NAME,
} from './invoice-alert-text';

type InvoiceState = DataOf<typeof InvoiceSent>;

/** Turns invoicing's events into alerts for the client's portal accounts and the issuing provider. */
@Injectable()
export class InvoiceAlertsService {
  constructor(
    private readonly alerts: AlertsService,
    private readonly people: PeopleRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async invoiceSent(tx: Transaction, invoice: InvoiceState): Promise<void> {
    const practiceName = await this.practiceName(tx, invoice.practiceId);
    for (const userId of await this.portalUsers(tx, invoice, 'sent')) {
      await this.alerts.create(
        tx,
        { practiceId: invoice.practiceId, userId },
        invoiceSentAlert(practiceName),
      );
    }
  }

  async invoicePaid(tx: Transaction, invoice: DataOf<typeof InvoicePaid>): Promise<void> {
    const practiceName = await this.practiceName(tx, invoice.practiceId);
    for (const userId of await this.portalUsers(tx, invoice, 'paid')) {
      await this.alerts.create(
        tx,
        { practiceId: invoice.practiceId, userId },
        invoiceReceiptAlert(practiceName),
      );
    }
    await this.alerts.create(
      tx,
      { practiceId: invoice.practiceId, userId: invoice.providerId },
      invoicePaidAlert(invoice),
    );
  }

  private async practiceName(tx: Transaction, practiceId: string): Promise<string> {
    return (await this.people.practiceName(tx, practiceId)) ?? UNKNOWN_PRACTICE_NAME;
  }

  /**
   * A client without a portal account (never invited, or not yet accepted) has nobody to alert:
   * that is normal, and said in the log with ids only.
   */
  private async portalUsers(tx: Transaction, invoice: InvoiceState, event: string): Promise<string[]> {
    const users = await this.people.portalUsersOf(tx, invoice.practiceId, invoice.clientId);
    if (users.length === 0) {
      this.logger.info(
        { practiceId: invoice.practiceId, clientId: invoice.clientId, invoiceId: invoice.invoiceId, event },
        'notifications: the client has no portal account: no client alert',
      );
    }
    return users;
  }
}

import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import type { BusClient } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import type { GatewayConfig } from './gateway.config';
import { GATEWAY_BUS, GATEWAY_CONFIG, GATEWAY_LOGGER } from './gateway.tokens';
import { AlertStreamHub } from './alerts/alert-stream.hub';
import { AlertsController } from './alerts/alerts.controller';
import { gatewayAuthProviders } from './auth/gateway-auth.providers';
import { PaymentProcessorsController } from './billing-setup/payment-processors.controller';
import { SalesTaxController } from './billing-setup/sales-tax.controller';
import { ClientsController } from './clients/clients.controller';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryPagesController } from './directory-pages/directory-pages.controller';
import { EmailDeliveriesController } from './email-deliveries/email-deliveries.controller';
import { HealthController } from './health/health.controller';
import { InvitationsController } from './identity/invitations.controller';
import { MeController } from './identity/me.controller';
import { PracticesController } from './identity/practices.controller';
import { SessionsController } from './identity/sessions.controller';
import { ProblemFilter } from './http/problem.filter';
import { InvoicesController } from './invoices/invoices.controller';
import { NotesController } from './notes/notes.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { ServicesController } from './services/services.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

/** The gateway owns no data: it checks who is calling, validates, and turns HTTP into messages. */
@Module({})
export class GatewayModule {
  static register(
    deps: { config: GatewayConfig; logger: Logger; bus: BusClient },
    features: Array<Type | DynamicModule> = [],
  ): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [DiscoveryModule, ...features],
      controllers: [
        HealthController,
        OpenApiController,
        SessionsController,
        PracticesController,
        MeController,
        InvitationsController,
        ServicesController,
        PaymentProcessorsController,
        SalesTaxController,
        ClientsController,
        NotesController,
        AlertsController,
        InvoicesController,
        WebhooksController,
        EmailDeliveriesController,
        DirectoryController,
        DirectoryPagesController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: deps.config },
        { provide: GATEWAY_LOGGER, useValue: deps.logger },
        { provide: GATEWAY_BUS, useValue: deps.bus },
        { provide: APP_FILTER, useClass: ProblemFilter },
        ...gatewayAuthProviders,
        AlertStreamHub,
      ],
      exports: [GATEWAY_CONFIG, GATEWAY_LOGGER, GATEWAY_BUS],
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  ServiceChanged,
  type Actor,
  type AnyActor,
  type PracticeServiceView,
  type ServiceKey,
} from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { DATABASE, emitEvent } from '@arbor/messaging';
import {
  applyChanges,
  catalogue,
  sameState,
  view,
  withoutProvider,
  type PracticeServiceState,
  type ServiceChanges,
} from './practice-service';
import { PracticeProvidersRepository } from '@arbor/practice-providers';
import { PracticeServicesRepository } from './practice-services.repository';

/** The Services tab: what a practice has turned on, and which providers may use it. */
@Injectable()
export class PracticeServicesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: PracticeServicesRepository,
    private readonly practiceProviders: PracticeProvidersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<PracticeServiceView[]> {
    requireRole(actor, ['admin', 'provider'], 'only staff see the services');
    return catalogue(await this.repository.list(this.db, actor.practiceId));
  }

  async update(actor: Actor, key: ServiceKey, changes: ServiceChanges): Promise<PracticeServiceView> {
    requireRole(actor, ['admin'], 'only an Admin changes services');
    return this.db.transaction(async (tx) => {
      if (changes.providerIds) await this.checkProviders(tx, actor.practiceId, changes.providerIds);
      const current = await this.repository.findForUpdate(tx, actor.practiceId, key);
      const next = applyChanges(current, key, changes);
      if (!sameState(current, next)) await this.save(tx, actor.practiceId, next, actor);
      return view(next);
    });
  }

  /**
   * Identity says what roles someone holds now. Someone who stops being a provider is taken off
   * every service of the practice, and each service that changed says so.
   */
  async membershipChanged(
    tx: Transaction,
    change: { practiceId: string; userId: string; roles: readonly string[]; occurredAt: string },
  ): Promise<void> {
    if (!(await this.practiceProviders.stoppedProviding(tx, change))) return;
    for (const state of await this.repository.listingProvider(tx, change.practiceId, change.userId)) {
      const next = withoutProvider(state, change.userId);
      if (next) await this.save(tx, change.practiceId, next, { system: 'service-enablement' });
    }
  }

  private async checkProviders(
    tx: Transaction,
    practiceId: string,
    providerIds: readonly string[],
  ): Promise<void> {
    const providers = await this.practiceProviders.currentProviders(tx, practiceId, providerIds);
    const errors = providerIds.flatMap((id, index) =>
      providers.has(id)
        ? []
        : [{ path: `providerIds[${index}]`, message: 'is not a provider of this practice' }],
    );
    if (errors.length > 0)
      throw ArborError.validation('only providers of the practice can be assigned', errors);
  }

  private async save(
    tx: Transaction,
    practiceId: string,
    state: PracticeServiceState,
    actor: AnyActor,
  ): Promise<void> {
    await this.repository.save(
      tx,
      practiceId,
      state,
      'userId' in actor ? actor.userId : null,
      this.clock.now(),
    );
    await emitEvent(
      tx,
      ServiceChanged,
      { practiceId, key: state.key, enabled: state.enabled, providerIds: [...state.providerIds] },
      { practiceId, actor },
    );
  }
}

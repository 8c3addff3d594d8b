import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  PAGE_LIMIT_DEFAULT,
  pageOf,
  ProcessorAccountCursor,
  type Actor,
  type Page,
  type CreateProcessorAccountBody,
  type ProcessorAccountView,
  type ProcessorType,
  type UpdateProcessorAccountBody,
} from '@arbor/contracts';
import { openText, seal, type KeyRing } from '@arbor/crypto';
import type { Database } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import {
  MAX_PROCESSOR_ACCOUNTS_PER_PRACTICE,
  maskAll,
  parseCredentials,
  toView,
  type Credentials,
  type ProcessorAccount,
} from './processor-account';
import type { PaymentProcessor } from '../processors/payment-processor';
import { ProcessorAccountsRepository } from './processor-accounts.repository';
import { KEY_RING, PROCESSOR_CONNECTIONS, type ProcessorConnections } from './processor-connections';

export interface ProcessorOfAccount {
  readonly accountId: string;
  readonly type: ProcessorType;
  readonly processor: PaymentProcessor;
}

/**
 * Billing → Setup → Payment Processors. Only an Admin reads or changes them; credentials are
 * sealed before they reach the database and no read ever returns them whole.
 */
@Injectable()
export class ProcessorAccountsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(KEY_RING) private readonly keys: KeyRing,
    @Inject(PROCESSOR_CONNECTIONS) private readonly connections: ProcessorConnections,
    private readonly repository: ProcessorAccountsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(
    actor: Actor,
    input: z.infer<typeof CreateProcessorAccountBody>,
  ): Promise<ProcessorAccountView> {
    requireRole(actor, ['admin'], 'only an Admin sets up billing');
    const credentials = parseCredentials(input.type, input.credentials);
    const id = uuidv7();
    return this.db.transaction(async (tx) => {
      // Counted under the practice's lock: concurrent creations queue here instead of each
      // seeing room for one more.
      await this.repository.lockPractice(tx, actor.practiceId);
      const limit = MAX_PROCESSOR_ACCOUNTS_PER_PRACTICE;
      if ((await this.repository.countForPractice(tx, actor.practiceId)) >= limit) {
        throw new ArborError(
          'conflict',
          `a practice can have at most ${limit} processor accounts: delete one it no longer uses first`,
          { limit },
        );
      }
      const account: ProcessorAccount = {
        id,
        practiceId: actor.practiceId,
        description: input.description,
        type: input.type,
        sealedCredentials: seal(this.keys, JSON.stringify(credentials), id),
        maskedCredentials: maskAll(credentials),
        // A practice's first account is the one it takes payments with.
        active: !(await this.repository.hasActive(tx, actor.practiceId)),
        createdAt: this.clock.now(),
      };
      await this.repository.insert(tx, account);
      return toView(account);
    });
  }

  /** The type of the practice's active account, if it has one. */
  async activeType(practiceId: string): Promise<ProcessorAccount['type'] | undefined> {
    return (await this.repository.findActive(this.db, practiceId))?.type;
  }

  async list(
    actor: Actor,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<Page<ProcessorAccountView>> {
    requireRole(actor, ['admin'], 'only an Admin sets up billing');
    const limit = page.limit ?? PAGE_LIMIT_DEFAULT;
    const key = page.cursor === undefined ? undefined : ProcessorAccountCursor.decode(page.cursor);
    // One more than the page: whether it exists says whether there is a next page.
    const accounts = await this.repository.list(this.db, actor.practiceId, {
      limit: limit + 1,
      after: key && { createdAt: new Date(key.createdAt), id: key.id },
    });
    return pageOf(accounts.map(toView), limit, ProcessorAccountCursor, ({ createdAt, id }) => ({
      createdAt,
      id,
    }));
  }

  async update(
    actor: Actor,
    id: string,
    changes: z.infer<typeof UpdateProcessorAccountBody>,
  ): Promise<ProcessorAccountView> {
    requireRole(actor, ['admin'], 'only an Admin sets up billing');
    return this.db.transaction(async (tx) => {
      const current = await this.repository.findForUpdate(tx, actor.practiceId, id);
      if (!current) throw notFound();
      let { sealedCredentials, maskedCredentials } = current;
      if (changes.credentials) {
        const credentials = parseCredentials(current.type, changes.credentials);
        sealedCredentials = seal(this.keys, JSON.stringify(credentials), id);
        maskedCredentials = maskAll(credentials);
      }
      const active = changes.active ?? current.active;
      const now = this.clock.now();
      if (active && !current.active) await this.repository.deactivateOthers(tx, actor.practiceId, id, now);
      const next = {
        ...current,
        description: changes.description ?? current.description,
        sealedCredentials,
        maskedCredentials,
        active,
      };
      await this.repository.update(tx, next, now);
      return toView(next);
    });
  }

  async remove(actor: Actor, id: string): Promise<Record<string, never>> {
    requireRole(actor, ['admin'], 'only an Admin sets up billing');
    if (!(await this.db.transaction((tx) => this.repository.delete(tx, actor.practiceId, id))))
      throw notFound();
    return {};
  }

  async test(actor: Actor, id: string): Promise<{ ok: boolean; message: string }> {
    requireRole(actor, ['admin'], 'only an Admin sets up billing');
    const account = await this.repository.find(this.db, actor.practiceId, id);
    if (!account) throw notFound();
    return this.connections.test(account.type, this.credentialsOf(account));
  }

  /**
   * The adapter of the practice's active account, for a new payment; `conflict` when the practice
   * has none (billing is not set up, or every account was switched off).
   */
  async activeProcessor(practiceId: string): Promise<ProcessorOfAccount> {
    const account = await this.repository.findActive(this.db, practiceId);
    if (!account) {
      throw new ArborError(
        'conflict',
        'the practice has no active payment processor, so it cannot take card payments',
      );
    }
    return this.processorOf(account);
  }

  /**
   * The adapter of the account that took a payment: refunds and recovery go back to it even when
   * another account is active now. Undefined once the account was deleted.
   */
  async accountProcessor(practiceId: string, accountId: string): Promise<ProcessorOfAccount | undefined> {
    const account = await this.repository.find(this.db, practiceId, accountId);
    return account ? this.processorOf(account) : undefined;
  }

  private processorOf(account: ProcessorAccount): ProcessorOfAccount {
    return {
      accountId: account.id,
      type: account.type,
      processor: this.connections.adapter(account.type, this.credentialsOf(account)),
    };
  }

  private credentialsOf(account: ProcessorAccount): Credentials {
    return JSON.parse(openText(this.keys, account.sealedCredentials, account.id)) as Credentials;
  }
}

function notFound(): ArborError {
  return new ArborError('not_found', 'no such processor account');
}

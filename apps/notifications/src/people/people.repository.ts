import { and, arrayContains, eq, sql } from 'drizzle-orm';
import type { Role } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import { practiceMembers, practices } from './people.schema';

/** SQL for the local view of identity's practices and members. */
export class PeopleRepository {
  /** A practice's name never changes after creation in identity's events: the first one stays. */
  async recordPractice(tx: Queryable, practice: { practiceId: string; name: string }): Promise<void> {
    await tx.insert(practices).values(practice).onConflictDoNothing();
  }

  /** Applies identity's current roles of a member unless a later event is already recorded. */
  async recordMember(
    tx: Queryable,
    member: {
      practiceId: string;
      userId: string;
      roles: readonly Role[];
      clientId: string | null;
      asOf: Date;
    },
  ): Promise<void> {
    await tx
      .insert(practiceMembers)
      .values({ ...member, roles: [...member.roles] })
      .onConflictDoUpdate({
        target: [practiceMembers.practiceId, practiceMembers.userId],
        set: { roles: [...member.roles], clientId: member.clientId, asOf: member.asOf },
        setWhere: sql`${practiceMembers.asOf} < ${member.asOf.toISOString()}::timestamptz`,
      });
  }

  async practiceName(db: Queryable, practiceId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ name: practices.name })
      .from(practices)
      .where(eq(practices.practiceId, practiceId));
    return row?.name;
  }

  /** The portal accounts of a client: members holding the client role, linked to that record. */
  async portalUsersOf(db: Queryable, practiceId: string, clientId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: practiceMembers.userId })
      .from(practiceMembers)
      .where(
        and(
          eq(practiceMembers.practiceId, practiceId),
          eq(practiceMembers.clientId, clientId),
          arrayContains(practiceMembers.roles, ['client']),
        ),
      )
      .orderBy(practiceMembers.userId);
    return rows.map((row) => row.userId);
  }
}

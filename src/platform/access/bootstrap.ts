import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { appendLogEntry } from '../log/index.ts';
import { units } from '../org/org.tables.ts';
import { roles, userRoles, users } from './access.tables.ts';
import { issueApiToken } from './auth.ts';
import { hashPassword, passwordProblems } from './password.ts';

/**
 * Creates a system administrator in the tenant's root unit: the operator's first account, from the CLI.
 * Recorded in the log with the system as actor.
 */
export async function bootstrapAdmin(
  db: Db,
  input: { tenantId: string; username: string; displayName: string; password: string; now: Date },
) {
  const problems = passwordProblems(input.password, input.username);
  if (problems.length > 0)
    throw new DomainError('ACCESS.PASSWORD_POLICY', 'invalid', `密码不符合要求：${problems.join('；')}`);
  return db.transaction(async (tx) => {
    const [root] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.tenantId, input.tenantId), isNull(units.parentId)));
    const [role] = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.tenantId, input.tenantId), eq(roles.code, 'sysadmin')));
    if (!root || !role) throw notFound('TENANCY.NOT_FOUND', `行政区 ${input.tenantId} 不存在`);
    const id = newId();
    await tx.insert(users).values({
      tenantId: input.tenantId,
      id,
      username: input.username,
      displayName: input.displayName,
      unitId: root.id,
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: input.now,
      createdAt: input.now,
      updatedAt: input.now,
    });
    await tx.insert(userRoles).values({ tenantId: input.tenantId, userId: id, roleId: role.id });
    await appendLogEntry(tx, {
      tenantId: input.tenantId,
      kind: 'access.user.created',
      actor: null,
      subject: { type: 'user', id },
      after: {
        username: input.username,
        displayName: input.displayName,
        unitId: root.id,
        roles: ['sysadmin'],
        via: 'cli',
      },
      at: input.now,
    });
    return id;
  });
}

/** Issues an API token for a user, from the CLI. */
export async function issueTokenFor(
  db: Db,
  input: { tenantId: string; username: string; name: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, input.tenantId), eq(users.username, input.username)));
    if (!u) throw notFound('ACCESS.USER_NOT_FOUND', `用户 ${input.username} 不存在`);
    const issued = await issueApiToken(tx, {
      tenantId: input.tenantId,
      userId: u.id,
      name: input.name,
      expiresAt: null,
      now: input.now,
    });
    await appendLogEntry(tx, {
      tenantId: input.tenantId,
      kind: 'access.token.created',
      actor: null,
      subject: { type: 'api-token', id: issued.id },
      after: { userId: u.id, name: input.name, via: 'cli' },
      at: input.now,
    });
    return issued;
  });
}

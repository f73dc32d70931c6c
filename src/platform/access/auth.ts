import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../kernel/config.ts';
import { type FieldCrypto, randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import { DomainError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { appendLogEntry } from '../log/index.ts';
import { tenants } from '../tenancy/tenancy.tables.ts';
import { apiTokens, sessions, users } from './access.tables.ts';
import type { Actor, ActorRole } from './actor.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';

export const SESSION_COOKIE = 'fz_session';

export interface AuthDeps {
  db: Db;
  config: Config;
  crypto: FieldCrypto;
}

export interface LoginInput {
  tenantId: string;
  username: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
  requestId: string | null;
  now: Date;
}

const BAD_CREDENTIALS = () => new DomainError('AUTH.BAD_CREDENTIALS', 'unauthenticated', '用户名或密码错误');

/**
 * Password login with lockout: after `LOGIN_MAX_FAILURES` consecutive failures the account is locked for
 * `LOGIN_LOCK_MINUTES`. Every success and failure is recorded in the transparency log (the username of an
 * unknown account only as a keyed hash). Returns the cookie value and CSRF token of a new session.
 */
export async function login(deps: AuthDeps, input: LoginInput) {
  const { db, config, crypto } = deps;
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, input.tenantId), eq(users.username, input.username)));
  const record = (kind: string, data: Record<string, unknown>, userId?: string) =>
    appendLogEntry(db, {
      tenantId: input.tenantId,
      kind,
      actor: null,
      subject: { type: 'user', id: userId ?? `username-hmac:${crypto.keyedHash(input.username)}` },
      data: { ...data, ipHmac: crypto.keyedHash(input.ip) },
      requestId: input.requestId,
      at: input.now,
    });

  if (!user || user.kind !== 'person' || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    // Only a real tenant has a log: a made-up division code must not create entries nobody sequences.
    const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, input.tenantId));
    if (tenant) await record('access.login.failed', { reason: 'unknown-user' });
    throw BAD_CREDENTIALS();
  }
  if (user.lockedUntil && user.lockedUntil > input.now) {
    await record('access.login.refused', { reason: 'locked' }, user.id);
    const until = user.lockedUntil.toLocaleTimeString('zh-CN', {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    throw new DomainError('AUTH.LOCKED', 'locked', `连续登录失败次数过多，账号已锁定，请于${until}后重试`);
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const failures = user.failedLogins + 1;
    const lock = failures >= config.LOGIN_MAX_FAILURES;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock
            ? new Date(input.now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000)
            : user.lockedUntil,
        })
        .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.id)));
      await appendLogEntry(tx, {
        tenantId: input.tenantId,
        kind: lock ? 'access.account.locked' : 'access.login.failed',
        actor: null,
        subject: { type: 'user', id: user.id },
        data: { reason: 'bad-password', failures, ipHmac: crypto.keyedHash(input.ip) },
        requestId: input.requestId,
        at: input.now,
      });
    });
    if (lock)
      throw new DomainError(
        'AUTH.LOCKED',
        'locked',
        `连续${config.LOGIN_MAX_FAILURES}次密码错误，账号已锁定${config.LOGIN_LOCK_MINUTES}分钟`,
      );
    throw BAD_CREDENTIALS();
  }
  if (user.status !== 'active') {
    await record('access.login.refused', { reason: 'disabled' }, user.id);
    throw new DomainError('AUTH.DISABLED', 'unauthenticated', '账号已停用，请联系管理员');
  }

  const secret = randomToken(32);
  const csrfToken = randomToken(24);
  const sessionId = sha256Hex(secret);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: input.now })
      .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.id)));
    await tx.insert(sessions).values({
      tenantId: user.tenantId,
      id: sessionId,
      userId: user.id,
      csrfToken,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + config.SESSION_TTL_MINUTES * 60_000),
      lastSeenAt: input.now,
      ipHash: crypto.keyedHash(input.ip),
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await appendLogEntry(tx, {
      tenantId: user.tenantId,
      kind: 'access.login.succeeded',
      actor: null,
      subject: { type: 'user', id: user.id },
      data: { ipHmac: crypto.keyedHash(input.ip), session: sessionId.slice(0, 16) },
      requestId: input.requestId,
      at: input.now,
    });
  });
  return {
    cookie: `${user.tenantId}.${secret}`,
    csrfToken,
    mustChangePassword: user.mustChangePassword,
  };
}

type ActorRow = {
  tenant_id: string;
  user_id: string;
  username: string;
  display_name: string;
  unit_id: string | null;
  unit_path: string | null;
  status: string;
  roles: ActorRole[] | string;
};

const actorSelect = sql`u.tenant_id, u.id as user_id, u.username, u.display_name, u.unit_id, un.path as unit_path, u.status,
  coalesce((select json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name, 'scope', r.scope,
      'scopeUnitIds', r.scope_unit_ids, 'permissions', r.permissions) order by r.code)
    from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
    where ur.tenant_id = u.tenant_id and ur.user_id = u.id), '[]'::json) as roles`;

function toActor(row: ActorRow, via: Actor['via']): Actor {
  const roles = (typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles) as ActorRole[];
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    roles,
    via,
  };
}

/** Parses `<tenant>.<secret>`; null when malformed. */
function splitCredential(value: string, sep: string): { tenantId: string; secret: string } | null {
  const i = value.indexOf(sep);
  if (i <= 0) return null;
  const tenantId = value.slice(0, i);
  const secret = value.slice(i + sep.length);
  if (!/^\d{6,12}$/.test(tenantId) || secret.length < 20 || secret.length > 100) return null;
  return { tenantId, secret };
}

/**
 * The actor behind a session cookie, or null when the session is unknown, expired (absolute or idle)
 * or its user is disabled. Touches `last_seen_at` at most once a minute.
 */
/**
 * A short-lived in-process cache of session → actor, so a burst of requests from one browser costs one
 * lookup. Any change to users, roles or units on this node clears it at once; another node sees such a
 * change within ACTOR_CACHE_MS (docs/adr/0003-access-control.md).
 */
const ACTOR_CACHE_MS = 2_000;
const actorCache = new Map<
  string,
  { actor: Actor; fetchedAt: number; expiresAt: number; lastSeen: number }
>();

/** Forgets every cached actor: call after any change to users, roles, units or sessions. */
export function invalidateActorCache(): void {
  actorCache.clear();
}

/** Clears the cache again once `work` has committed (or failed), so no request caches the old state. */
export function invalidatingActors<T>(work: Promise<T>): Promise<T> {
  return work.finally(invalidateActorCache);
}

/**
 * The actor behind a session cookie, or null when the session is unknown, expired (absolute or idle)
 * or its user is disabled. Touches `last_seen_at` at most once a minute.
 */
export async function actorFromSession(deps: AuthDeps, cookie: string, now: Date): Promise<Actor | null> {
  const cred = splitCredential(cookie, '.');
  if (!cred) return null;
  const id = sha256Hex(cred.secret);
  const t = now.getTime();
  const idleMs = deps.config.SESSION_IDLE_MINUTES * 60_000;
  const hit = actorCache.get(id);
  if (
    hit &&
    t - hit.fetchedAt < ACTOR_CACHE_MS &&
    t >= hit.fetchedAt &&
    t < hit.expiresAt &&
    hit.lastSeen + idleMs > t
  )
    return hit.actor;
  const [row] = await queryRows<ActorRow & { csrf_token: string; expires_at: Date; last_seen_at: Date }>(
    deps.db,
    sql`select ${actorSelect}, s.csrf_token, s.expires_at, s.last_seen_at
      from sessions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
      left join units un on un.tenant_id = u.tenant_id and un.id = u.unit_id
      where s.tenant_id = ${cred.tenantId} and s.id = ${id}`,
  );
  actorCache.delete(id);
  if (!row || row.status !== 'active') return null;
  const expiresAt = new Date(row.expires_at);
  let lastSeen = new Date(row.last_seen_at).getTime();
  if (expiresAt <= now || lastSeen + idleMs <= t) {
    await deps.db.delete(sessions).where(and(eq(sessions.tenantId, cred.tenantId), eq(sessions.id, id)));
    return null;
  }
  if (t - lastSeen > 60_000) {
    await deps.db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.tenantId, cred.tenantId), eq(sessions.id, id)));
    lastSeen = t;
  }
  const actor: Actor = { ...toActor(row, 'session'), sessionId: id, csrfToken: row.csrf_token };
  if (actorCache.size > 10_000) actorCache.clear();
  actorCache.set(id, { actor, fetchedAt: t, expiresAt: expiresAt.getTime(), lastSeen });
  return actor;
}

/** Ends a session (logout). */
export async function logout(
  deps: AuthDeps,
  actor: Actor,
  requestId: string | null,
  now: Date,
): Promise<void> {
  if (!actor.sessionId) return;
  actorCache.delete(actor.sessionId);
  await deps.db.transaction(async (tx) => {
    await tx
      .delete(sessions)
      .where(and(eq(sessions.tenantId, actor.tenantId), eq(sessions.id, actor.sessionId!)));
    await appendLogEntry(tx, {
      tenantId: actor.tenantId,
      kind: 'access.logout',
      actor: null,
      subject: { type: 'user', id: actor.userId },
      requestId,
      at: now,
    });
  });
}

export const TOKEN_PREFIX = 'fz_';

/** Issues an API token for `userId`; the secret is returned once and only its hash is kept. */
export async function issueApiToken(
  db: Db,
  input: { tenantId: string; userId: string; name: string; expiresAt: Date | null; now: Date },
) {
  const secret = randomToken(32);
  const token = `${TOKEN_PREFIX}${input.tenantId}_${secret}`;
  const id = newId();
  await db.insert(apiTokens).values({
    tenantId: input.tenantId,
    id,
    userId: input.userId,
    name: input.name,
    tokenHash: sha256Hex(secret),
    prefix: token.slice(0, 16),
    createdAt: input.now,
    expiresAt: input.expiresAt,
  });
  return { id, token };
}

/** The actor behind a bearer token, or null when unknown, revoked, expired or its user is disabled. */
export async function actorFromToken(deps: AuthDeps, token: string, now: Date): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const cred = splitCredential(token.slice(TOKEN_PREFIX.length), '_');
  if (!cred) return null;
  const hash = sha256Hex(cred.secret);
  const [row] = await queryRows<
    ActorRow & { token_id: string; expires_at: Date | null; last_used_at: Date | null }
  >(
    deps.db,
    sql`select ${actorSelect}, t.id as token_id, t.expires_at, t.last_used_at
      from api_tokens t join users u on u.tenant_id = t.tenant_id and u.id = t.user_id
      left join units un on un.tenant_id = u.tenant_id and un.id = u.unit_id
      where t.tenant_id = ${cred.tenantId} and t.token_hash = ${hash} and t.revoked_at is null`,
  );
  if (!row || row.status !== 'active') return null;
  if (row.expires_at && new Date(row.expires_at) <= now) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await deps.db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.tenantId, cred.tenantId),
          eq(apiTokens.id, row.token_id),
          isNull(apiTokens.revokedAt),
        ),
      );
  }
  return toActor(row, 'token');
}

/**
 * The actor for an active user named on the command line (operators acting as an official, e.g. for an
 * import): the same roles and scopes as a session of that user. Null when unknown or disabled.
 */
export async function actorForUsername(db: Db, tenantId: string, username: string): Promise<Actor | null> {
  const [row] = await queryRows<ActorRow>(
    db,
    sql`select ${actorSelect} from users u left join units un on un.tenant_id = u.tenant_id and un.id = u.unit_id
        where u.tenant_id = ${tenantId} and u.username = ${username}`,
  );
  if (!row || row.status !== 'active') return null;
  return toActor(row, 'token');
}

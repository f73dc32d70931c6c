import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/index.ts';
import { BUILTIN_ROLES } from '../../src/platform/access/index.ts';
import { type Session, testApi } from '../support/api.ts';
import { openTestDeps } from '../support/db.ts';

/**
 * The role × endpoint matrix: every declared /api route, called anonymously and as the demo account of
 * every built-in role. Without a session: 401 (unless public). Without the route's permission: 403.
 * With it: neither (the call may still be 400 or 404 for the dummy input, which is fine here).
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
const sessions = new Map<string, Session>();

beforeAll(async () => {
  deps = await openTestDeps();
  api = await testApi(deps);
  for (const a of DEMO_ACCOUNTS) sessions.set(a.username, await api.login(a.username));
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const fill = (url: string) => url.replace(/:[a-zA-Z]+/g, DUMMY_ID);
const permsOf = (role: string) => new Set(BUILTIN_ROLES.find((r) => r.code === role)!.permissions);

describe('authorisation matrix', () => {
  it('declares access for every /api route', () => {
    expect(api.app.declaredRoutes.length).toBeGreaterThan(15);
    for (const r of api.app.declaredRoutes) expect(r.access).toBeDefined();
  });

  it('answers every route × role as the permissions of the role say', async () => {
    const table: string[] = [];
    // logout ends the session: call it last
    const routes = [...api.app.declaredRoutes].sort(
      (a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')),
    );
    for (const route of routes) {
      const url = fill(route.url);
      const body = ['GET', 'DELETE'].includes(route.method) ? undefined : {};
      const anon = await api.call(null, route.method, url, body);
      if ('public' in route.access)
        expect([401, 403], `${route.method} ${route.url} anonymous`).not.toContain(anon.statusCode);
      else expect(anon.statusCode, `${route.method} ${route.url} anonymous`).toBe(401);
      for (const a of DEMO_ACCOUNTS) {
        const res = await api.call(sessions.get(a.username)!, route.method, url, body);
        const allowed =
          'public' in route.access ||
          'authenticated' in route.access ||
          permsOf(a.role).has(route.access.permission);
        table.push(`${route.method} ${route.url} ${a.role} → ${res.statusCode}`);
        if (allowed)
          expect([401, 403], `${route.method} ${route.url} as ${a.role}: ${res.body}`).not.toContain(
            res.statusCode,
          );
        else {
          expect(res.statusCode, `${route.method} ${route.url} as ${a.role}`).toBe(403);
          expect(res.json().code).toBe('AUTH.FORBIDDEN');
        }
      }
    }
    expect(table.length).toBe(routes.length * DEMO_ACCOUNTS.length);
  });
});

describe('bad input on every endpoint', () => {
  it('answers a malformed body with 400 problem+json listing problems, and stores nothing', async () => {
    const { count } = await import('drizzle-orm');
    const { logEntries } = await import('../../src/platform/log/index.ts');
    const before = (await deps.db.select({ n: count() }).from(logEntries))[0]!.n;
    const withBody = api.app.declaredRoutes.filter((r) => r.hasBody && !('public' in r.access));
    expect(withBody.length).toBeGreaterThan(10);
    // admin, or for a permission admin lacks the first demo account that holds it (one sign-in each)
    const holderOf = (access: (typeof withBody)[number]['access']) =>
      'permission' in access && !permsOf('sysadmin').has(access.permission)
        ? DEMO_ACCOUNTS.find((a) => permsOf(a.role).has(access.permission))!.username
        : 'admin';
    const signedIn = new Map<string, Session>();
    for (const route of withBody) {
      const who = holderOf(route.access);
      if (!signedIn.has(who)) signedIn.set(who, await api.login(who));
      const s = signedIn.get(who)!;
      const res = await api.app.inject({
        method: route.method as 'POST',
        url: fill(route.url),
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        payload: '"not an object"',
      });
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors?.length ?? 0, `${route.method} ${route.url}`).toBeGreaterThan(0);
    }
    // the only entries written are the sign-ins
    const after = (await deps.db.select({ n: count() }).from(logEntries))[0]!.n;
    expect(after - before).toBe(signedIn.size);
  });
});

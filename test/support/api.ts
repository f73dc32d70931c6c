import { DEMO_PASSWORD } from '../../src/demo/index.ts';
import { buildApp } from '../../src/http/app.ts';
import type { AppDeps } from '../../src/http/deps.ts';

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

/** A test client over `app.inject`: sign in as a demo account and call the API as that user. */
export async function testApi(deps: AppDeps) {
  const app = await buildApp(deps, { logger: false, serveWeb: false });
  await app.ready();

  async function login(username: string, password = DEMO_PASSWORD): Promise<Session> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const set = res.cookies.find((c) => c.name === 'fz_session');
    const body = res.json();
    return { cookie: `fz_session=${set!.value}`, csrf: body.csrfToken, userId: body.id };
  }

  async function call(session: Session | null, method: string, url: string, payload?: unknown) {
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
    return app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  }

  return { app, login, call, close: () => app.close() };
}

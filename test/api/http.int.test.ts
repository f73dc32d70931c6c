import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi } from '../support/api.ts';
import { openTestDeps } from '../support/db.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
beforeAll(async () => {
  deps = await openTestDeps();
  api = await testApi(deps);
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

describe('HTTP conventions', () => {
  it('health and readiness', async () => {
    expect((await api.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await api.app.inject('/readyz')).statusCode).toBe(200);
  });

  it('serves OpenAPI 3.1 generated from the route schemas', async () => {
    const doc = (await api.app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/access/users'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/auth/login']).toBeDefined();
  });

  it('answers unknown API routes with a problem, in Chinese, with the request id', async () => {
    const res = await api.app.inject({ url: '/api/nope', headers: { 'x-request-id': 'trace-12345678' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-request-id']).toBe('trace-12345678');
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      traceId: 'trace-12345678',
      instance: '/api/nope',
    });
  });

  it('rejects malformed JSON and wrong media types as problems', async () => {
    const bad = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('JSON');
    const media = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<x/>',
    });
    expect(media.statusCode).toBe(415);
  });

  it('lists problems from params, query and body together', async () => {
    const s = await api.login('admin');
    const res = await api.call(s, 'PATCH', '/api/access/users/not-a-uuid', { status: 'gone' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/status', '/params/id']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { type CalendarLoader, loadCalendarYear } from './calendar.load.ts';
import { COVERAGE_WARN_DAYS, calendarCoverage } from './calendar.service.ts';
import { testNotice2027 } from './notice-2027.fixture.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;

beforeAll(async () => {
  deps = await openTestDeps('2026-11-26T10:00:00+08:00');
  api = await testApi(deps);
  officer = await api.login('officer');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

describe('calendar coverage (the warning before the year turns)', () => {
  it.each([
    // [instant, knownThrough, missingYear, daysLeft, warn]
    ['2026-06-01T10:00:00+08:00', 2026, 2027, 214, false],
    ['2026-09-02T10:00:00+08:00', 2026, 2027, 121, false],
    ['2026-09-03T10:00:00+08:00', 2026, 2027, COVERAGE_WARN_DAYS, true],
    ['2026-12-31T23:30:00+08:00', 2026, 2027, 1, true],
    // China time decides the day: 2026-12-31T16:30Z is already 2027-01-01 in China
    ['2026-12-31T16:30:00Z', null, 2027, 0, true],
    ['2020-03-01T10:00:00+08:00', 2026, 2027, 2497, false],
  ] as const)(
    'at %s: known through %s, %s missing in %s days, warn %s',
    async (at, known, missing, left, warn) => {
      const c = await calendarCoverage(deps.db, new Date(at));
      expect(c).toMatchObject({ knownThrough: known, missingYear: missing, daysLeft: left, warn });
    },
  );

  it('GET /api/calendar/coverage: 401 signed out, the coverage for any official, quiet once the year is loaded', async () => {
    expect((await api.call(null, 'GET', '/api/calendar/coverage')).statusCode).toBe(401);
    const before = await api.call(officer, 'GET', '/api/calendar/coverage');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      today: '2026-11-26',
      knownThrough: 2026,
      missingYear: 2027,
      daysLeft: 36,
      warn: true,
    });

    const loader: CalendarLoader = {
      tenantId: '500113',
      actor: null,
      loadedBy: '500113/test',
      requestId: null,
      now: deps.clock.now(),
      via: 'cli',
    };
    await loadCalendarYear(deps.db, loader, { notice: testNotice2027 });
    const after = (await api.call(officer, 'GET', '/api/calendar/coverage')).json();
    expect(after).toMatchObject({ knownThrough: 2027, missingYear: 2028, daysLeft: 401, warn: false });
  });
});

import { describe, expect, onTestFinished, test } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Db } from '../../src/db/connect.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { createAgenciesRepo } from '../../src/repositories/agencies-repo.js';
import { createDeliveryFailuresRepo } from '../../src/repositories/delivery-failures-repo.js';
import { createPeopleRepo } from '../../src/repositories/people-repo.js';
import { manualClock } from '../../src/services/clock.js';
import { undeliveredLine } from '../../src/services/undelivered.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, testConfig } from '../support/test-app.js';

/** The client with every model operation and raw query it is asked for counted: the statements a call costs. */
function counted(db: Db) {
  let queries = 0;
  const tally = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, name, receiver) {
        const value: unknown = Reflect.get(t, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          queries++;
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  const client = new Proxy(db, {
    get(t, name, receiver) {
      const value: unknown = Reflect.get(t, name, receiver);
      if (typeof name === 'string' && name.startsWith('$query')) return tally(t)[name as keyof Db];
      return typeof value === 'object' && value !== null && typeof name === 'string' && !name.startsWith('$') ? tally(value) : value;
    },
  });
  return { client, queries: () => queries };
}

describe.each(DATABASES)('whose reminders could not be delivered (%s)', (kind) => {
  test('the line names the focal points and supervisors of the province, at the same few queries for 3 people given up on as for 60', async () => {
    const clock = manualClock(atLocalTime('2026-06-15', '09:00'));
    const app = await createApp({ config: testConfig(await freshDatabaseUrl(kind, { plans: SEED_PLANS })), logger: silentLogger, clock });
    onTestFinished(() => app.close());
    const { people } = app.repos;
    const [bp, na] = [await app.repos.agencies.list({ province: 'binh-phuoc' }), await app.repos.agencies.list({ province: 'nghe-an' })];
    let seq = 0;
    const givenUp = async (name: string, role: Parameters<typeof people.addRole>[1]) => {
      const chatId = String(9000 + ++seq);
      const person = await people.personForChat({ channel: 'telegram', chatId, name, language: 'vi', at: clock.now() });
      await people.addRole(person.id, role);
      await app.db.outbox.create({ data: { dedupeKey: `failed-${seq}`, kind: 'reminder', personId: person.id, channel: 'telegram', chatId, payload: '{"lines":[]}', notBefore: clock.now(), status: 'failed', attempts: 8, failedAt: clock.now() } });
    };
    const { client, queries } = counted(app.db);
    const deps = { deliveryFailures: createDeliveryFailuresRepo(client), people: createPeopleRepo(client, kind), agencies: createAgenciesRepo(client) };
    const line = async (province: string) => {
      const before = queries();
      const said = await undeliveredLine(deps, province, clock.now());
      return { said, queries: queries() - before };
    };

    await givenUp('Đầu mối Bình Phước 1', { kind: 'focal', agencyId: bp[0]!.id, province: null });
    await givenUp('Giám sát Bình Phước', { kind: 'supervisor', agencyId: null, province: 'binh-phuoc' });
    await givenUp('Đầu mối Nghệ An', { kind: 'focal', agencyId: na[0]!.id, province: null });
    // The first call reads the agency catalog, kept for the next ones.
    expect((await line('nghe-an')).said).toEqual({ key: 'reminders:undelivered', params: { count: 1, names: 'Đầu mối Nghệ An' } });
    const few = await line('binh-phuoc');
    expect(few.said).toEqual({ key: 'reminders:undelivered', params: { count: 2, names: 'Giám sát Bình Phước; Đầu mối Bình Phước 1' } });

    for (let i = 2; i <= 58; i++) await givenUp(`Đầu mối Bình Phước ${i}`, { kind: 'focal', agencyId: bp[i % bp.length]!.id, province: null });
    const many = await line('binh-phuoc');
    expect(many.said).toMatchObject({ params: { count: 59 } });
    expect(many.queries).toBe(few.queries);
    // The failed messages with their people's names, the people with their roles, the agency catalog's stamp.
    expect(many.queries).toBeLessThanOrEqual(4);
  });
});

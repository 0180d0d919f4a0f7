import { describe, expect, onTestFinished, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, SEED_PLANS, startApp } from '../support/test-app.js';

describe.each(DATABASES)('a supervisor renames and merges agencies in chat (%s)', (kind) => {
  /** For one test: the service with Bình Phước's supervisor, who writes from the console chat "sup". */
  const withSupervisor = async () => {
    const clock = manualClock(atLocalTime('2026-11-23', '09:00'));
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const running = await startApp({ databaseUrl, clock });
    onTestFinished(() => running.stop());
    const { people } = running.app.repos;
    const supervisor = await people.personForChat({ channel: 'console', chatId: 'sup', name: 'Lan', language: 'vi', at: clock.now() });
    await people.addRole(supervisor.id, { kind: 'supervisor', agencyId: null, province: 'binh-phuoc' });
    const say = async (chatId: string, text: string) => (await running.app.conversation.handle({ channel: 'console', chatId, name: chatId, text })).map((m) => m.text).join('\n');
    return { running, say, databaseUrl };
  };

  test('lists only the agencies of the supervised province', async () => {
    const { running, say } = await withSupervisor();
    const list = await say('sup', '/donvi');
    const own = await running.app.repos.agencies.list({ province: 'binh-phuoc' });
    const other = (await running.app.repos.agencies.list({ province: 'nghe-an' }))[0]!;
    expect(list).toContain(`${own[0]!.code} – ${own[0]!.name}`);
    expect(list).not.toContain(other.code);
  });

  test('a rename keeps the old name in the history', async () => {
    const { running, say } = await withSupervisor();
    const [agency] = await running.app.repos.agencies.list({ province: 'binh-phuoc' });
    expect(await say('sup', `/donvi doiten ${agency!.code} Sở Nội vụ tỉnh Bình Phước`)).toContain('→ «Sở Nội vụ tỉnh Bình Phước»');
    expect((await running.app.repos.agencies.byCode(agency!.code))!.name).toBe('Sở Nội vụ tỉnh Bình Phước');
    const history = await running.app.repos.agencies.history(agency!.id);
    expect(history.at(-1)).toMatchObject({ kind: 'renamed' });
    expect(history.at(-1)!.detail).toContain(agency!.name);
  });

  test('a merge moves new work to the survivor; agencies of other provinces and citizens are refused', async () => {
    const { running, say } = await withSupervisor();
    const [, from, into] = await running.app.repos.agencies.list({ province: 'binh-phuoc' });
    const elsewhere = (await running.app.repos.agencies.list({ province: 'nghe-an' }))[0]!;
    expect(await say('sup', `/donvi gop ${from!.code} ${elsewhere.code}`)).toContain(`Không có đơn vị mã «${elsewhere.code}»`);
    expect(await say('citizen', `/donvi gop ${from!.code} ${into!.code}`)).toBe('Lệnh này chỉ dành cho cán bộ giám sát; nếu bạn là cán bộ giám sát, hãy mở link mời bạn nhận được.');
    expect((await running.app.repos.agencies.byCode(from!.code))!.mergedIntoId).toBeNull();
    expect(await say('sup', `/donvi gop ${from!.code} ${into!.code}`)).toContain('Đã gộp');
    expect((await running.app.repos.agencies.byCode(from!.code))!.mergedIntoId).toBe(into!.id);
    expect(await say('sup', `/donvi gop ${from!.code} ${into!.code}`)).toContain('Không gộp được');
  });

  // The service keeps agencies in memory between turns: what changed since, here or in another process, must show.
  test('a rename in chat, then a merge, show in the next /donvi', async () => {
    const { running, say } = await withSupervisor();
    const [agency, from, into] = await running.app.repos.agencies.list({ province: 'binh-phuoc' });
    expect(await say('sup', '/donvi')).toContain(`${agency!.code} – ${agency!.name}`);
    await say('sup', `/donvi doiten ${agency!.code} Sở Y tế tỉnh Bình Phước`);
    const renamed = await say('sup', '/donvi');
    expect(renamed).toContain(`${agency!.code} – Sở Y tế tỉnh Bình Phước`);
    expect(renamed).not.toContain(`${agency!.code} – ${agency!.name}`);
    await say('sup', `/donvi gop ${from!.code} ${into!.code}`);
    expect(await say('sup', '/donvi')).not.toContain(`${from!.code} – `);
  });

  test('an agency renamed by the CLI, in a process of its own, shows its new name in the next reply', async () => {
    const { running, say, databaseUrl } = await withSupervisor();
    const [agency] = await running.app.repos.agencies.list({ province: 'binh-phuoc' });
    expect(await say('sup', '/donvi')).toContain(`${agency!.code} – ${agency!.name}`);
    const renamed = await cli(['agencies', 'rename', agency!.code, 'UBND', 'phường', 'Đồng', 'Xoài'], databaseUrl);
    expect(renamed.code).toBe(0);
    const list = await say('sup', '/donvi');
    expect(list).toContain(`${agency!.code} – UBND phường Đồng Xoài`);
    expect(list).not.toContain(agency!.name);
  });

  test('a supervisor sets an agency\'s level and the agency it sits under; a loop is refused, and both are kept in the history', async () => {
    const { running, say } = await withSupervisor();
    const [committee, commune] = await running.app.repos.agencies.list({ province: 'binh-phuoc' });
    expect(await say('sup', `/donvi cap ${commune!.code} xã`)).toBe(`Đã đặt «${commune!.name}» là đơn vị cấp xã (lịch sử được giữ).`);
    expect(await say('sup', `/donvi thuoc ${commune!.code} ${committee!.code}`)).toContain(`«${commune!.name}» nay trực thuộc «${committee!.name}»`);
    expect(await say('sup', `/donvi thuoc ${committee!.code} ${commune!.code}`)).toContain('Không đặt được');
    expect(await say('sup', `/donvi cap ${commune!.code} huyện`)).toBe('Không hiểu cấp «huyện». Dùng: xã, tỉnh hoặc trung ương.');
    expect(await running.app.repos.agencies.byCode(commune!.code)).toMatchObject({ level: 'commune', parentId: committee!.id });
    expect(await running.app.repos.agencies.byCode(committee!.code)).toMatchObject({ level: 'province', parentId: null });
    expect((await running.app.repos.agencies.history(commune!.id)).map((e) => [e.kind, e.detail])).toEqual([['created', expect.any(String)], ['level', 'province → commune'], ['parent', `– → ${committee!.code}`]]);
    expect(await say('sup', `/donvi thuoc ${commune!.code} khong`)).toContain('nay không trực thuộc đơn vị nào');
    expect((await running.app.repos.agencies.byCode(commune!.code))!.parentId).toBeNull();
  });

  test('an ended body nobody took over is named in /quahan, not as an agency without a focal point, until /donvi giao hands its duties on', async () => {
    const { running, say } = await withSupervisor();
    const district = (await running.app.repos.agencies.byCode('binh-phuoc.ubnd-cap-huyen'))!;
    const into = (await running.app.repos.agencies.byCode('binh-phuoc.so-noi-vu'))!;
    const before = await say('sup', '/quahan');
    expect(before).not.toContain('🏛');
    expect(before).toContain(district.name);
    await running.app.repos.agencies.reassign(district.id, [], { effectiveOn: '2025-07-01', now: running.app.clock.now() });
    const ended = await say('sup', '/quahan');
    expect(ended).toContain(`🏛 1 đơn vị đã giải thể, nhiệm vụ chưa giao cho ai (không ai được nhắc): ${district.code} (${district.name})`);
    expect(ended.split('\n').filter((l) => !l.startsWith('🏛')).join('\n')).not.toContain(district.name);
    expect(await say('sup', `/donvi giao ${district.code} ${into.code}`)).toContain(`chuyển sang: ${into.name}`);
    expect(await say('sup', '/quahan')).not.toContain('🏛');
  });
});

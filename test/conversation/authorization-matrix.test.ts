import { describe, expect, onTestFinished, test } from 'vitest';
import { addDays, atLocalTime, formatLocalDate } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import type { AgencyInfo } from '../../src/repositories/agencies-repo.js';
import type { RoleInfo } from '../../src/repositories/people-repo.js';
import { BUTTON_KINDS, type ButtonKind } from '../../src/messaging/buttons.js';
import { features } from '../../src/conversation/features/index.js';
import { TYPED_REMINDER_ANSWERS } from '../../src/conversation/features/reminder-actions.js';
import { typedForm } from '../../src/conversation/context.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, startApp } from '../support/test-app.js';

/**
 * Every command and every kind of button, tried by every role on its own agency or province and on another's, typed
 * and pressed: each is done by the roles that may, and refused (nothing stored) for the others (issue 10).
 */
const ROLES = ['citizen', 'focal', 'supervisor of Bình Phước', 'supervisor of every province', 'staff chat'] as const;
type Role = (typeof ROLES)[number];
const [CITIZEN, FOCAL, SUP, ALL, STAFF] = ROLES;
const EVERYONE = [...ROLES];

// What the service says when it will not do something for this person (or says nothing exists, so as to tell nothing).
const REFUSED = /không phụ trách|hết hiệu lực|chỉ dành cho cán bộ giám sát|dành cho đầu mối|chỉ dùng trong nhóm cán bộ|không thuộc|Không có câu hỏi số|Nút này không còn dùng được|không phải đầu mối|Không tìm thấy đơn vị|Không có đơn vị mã|trong phạm vi của bạn|Không có nhiệm vụ|chưa được người hỏi chuyển|Phiên cập nhật đã kết thúc/;
const TODAY = '2026-11-23';

async function world(kind: (typeof DATABASES)[number], role: Role) {
  const clock = manualClock(atLocalTime(TODAY, '09:00'));
  const running = await startApp({ databaseUrl: await freshDatabaseUrl(kind, { plans: SEED_PLANS }), clock, config: { STAFF_CHAT: 'console:staff' } });
  onTestFinished(() => running.stop());
  const { app } = running;
  const { people, agencies, questions } = app.repos;
  const withOccurrences = async (province: string) => {
    const owed = await app.reminders.occurrences({ province, from: TODAY, to: addDays(TODAY, 400) });
    const ids = [...new Set(owed.map((o) => o.agencyId))];
    const byId = await agencies.byIds(ids);
    return { owed, agencies: ids.map((id) => byId.get(id)!).filter((a) => !a.mergedIntoId) };
  };
  const bp = await withOccurrences('binh-phuoc');
  const na = await withOccurrences('nghe-an');
  const [own, other] = bp.agencies as [AgencyInfo, AgencyInfo];
  const elsewhere = na.agencies[0]!;
  const occurrence = (owed: typeof bp.owed, agency: AgencyInfo) => owed.find((o) => o.agencyId === agency.id)!.key;
  const adhoc = async (province: string) => {
    const task = (await app.repos.plans.scheduledTasks()).find((t) => 'adhoc' in t.recurrence && t.province === province)!;
    const info = (await app.repos.plans.taskInfo([task.taskId])).get(task.taskId)!;
    return `${info.planCode}/${info.code}`;
  };

  const roles: Record<Role, RoleInfo[]> = {
    citizen: [],
    focal: [{ kind: 'focal', agencyId: own.id, province: null }],
    'supervisor of Bình Phước': [{ kind: 'supervisor', agencyId: null, province: 'binh-phuoc' }],
    'supervisor of every province': [{ kind: 'supervisor', agencyId: null, province: '*' }],
    'staff chat': [],
  };
  const chatOf = (r: Role) => (r === CITIZEN ? 'citizen' : r === STAFF ? 'staff' : 'me');
  const me = await people.personForChat({ channel: 'console', chatId: chatOf(role), name: role, language: 'vi', at: clock.now() });
  for (const r of roles[role]) await people.addRole(me.id, r);
  const citizen = await people.personForChat({ channel: 'console', chatId: 'citizen', name: 'Hoa', language: 'vi', at: clock.now() });
  const ask = async (text: string, handedOff: boolean) => {
    const id = await questions.record({ personId: citizen.id, channel: 'console', chatId: 'citizen', text, outcome: 'fallback', askedAt: clock.now() });
    if (handedOff) await questions.markHandedOff(id, clock.now());
    return id;
  };
  // Someone else's /lienket code, typed by a third person: its confirm button is theirs alone.
  const owner = await people.personForChat({ channel: 'console', chatId: 'owner', name: 'Owner', language: 'vi', at: clock.now() });
  const { code } = await app.invites.createLink({ personId: owner.id, now: clock.now() });
  const third = await people.personForChat({ channel: 'console', chatId: 'third', name: 'Third', language: 'vi', at: clock.now() });
  const claimed = await app.invites.claimLink({ code, personId: third.id, now: clock.now() });
  if (!claimed.ok) throw new Error(`link code not claimed: ${claimed.reason}`);
  // Someone asked the province's supervisors for more time: two requests in Bình Phước, one in Nghệ An.
  const supervisor = await people.personForChat({ channel: 'console', chatId: 'sup-bp', name: 'Sup', language: 'vi', at: clock.now() });
  await people.addRole(supervisor.id, { kind: 'supervisor', agencyId: null, province: 'binh-phuoc' });
  const askMore = async (o: (typeof bp.owed)[number]) =>
    (await app.repos.extensions.request({ occurrenceKey: o.key, taskId: o.taskId, agencyId: o.agencyId, originalDueOn: o.dueOn, requestedDueOn: addDays(o.dueOn, 10), reason: 'Thiếu số liệu', requestedById: owner.id, now: clock.now() })).id;
  const ofOther = bp.owed.filter((o) => o.agencyId === other.id);
  const ownFirst = bp.owed.find((o) => o.agencyId === own.id)!;
  let sent = 0;
  const reply = async (incoming: { text?: string; data?: string }) =>
    (await app.conversation.handle({ channel: 'console', chatId: chatOf(role), name: role, ...incoming })).map((m) => m.text).join('\n');
  return {
    app, me, own, other, elsewhere, foreignLink: claimed.inviteId,
    occurrences: { own: occurrence(bp.owed, own), other: occurrence(bp.owed, other), elsewhere: occurrence(na.owed, elsewhere) },
    extensions: { approve: await askMore(ofOther[0]!), decline: await askMore(bp.owed.find((o) => o.key !== ownFirst.key && o.key !== ofOther[0]!.key)!), elsewhere: await askMore(na.owed.find((o) => o.agencyId === elsewhere.id)!) },
    newDate: formatLocalDate(addDays(ownFirst.dueOn, 10)),
    /**
     * A reminder of `key` with its three buttons, as the outbox leaves it once sent to this chat (what a typed answer
     * answers), its deadline as yet unanswered.
     */
    async remind(key: string) {
      await app.db.occurrenceState.deleteMany({ where: { key } });
      sent += 1;
      const buttons = [[{ text: 'Đã nhận', data: `r:a:${key}` }, { text: 'Nhắc lại', data: `r:s:${key}` }, { text: 'Xong', data: `r:d:${key}` }]];
      await app.db.outbox.create({ data: { dedupeKey: `typed-${sent}-${key}`, kind: 'reminder', personId: me.id, channel: 'console', chatId: chatOf(role), payload: JSON.stringify({ lines: [], buttons }), status: 'sent', notBefore: clock.now(), sentAt: new Date(clock.now().getTime() + sent * 1000) } });
    },
    adhoc: { own: await adhoc('binh-phuoc'), elsewhere: await adhoc('nghe-an') },
    questions: { nghean: await ask('ở Nghệ An đóng bao nhiêu', true), binhphuoc: await ask('ở Bình Phước đóng bao nhiêu', true), notHandedOff: await ask('ở Nghệ An thì sao', false), citizens: await ask('giá vàng hôm nay', false) },
    say: (text: string) => reply({ text }),
    press: (data: string) => reply({ data }),
  };
}
type World = Awaited<ReturnType<typeof world>>;

interface Case {
  name: string;
  /** The roles that may; everyone else is refused. */
  allowed: readonly Role[];
  act(w: World): Promise<string>;
  /** What it may change, read before and after: it must change exactly when allowed. */
  observe?(w: World): Promise<unknown>;
  /** The kinds of button it presses. */
  presses?: ButtonKind[];
  /** Brings the world to where the case starts, before it is observed. */
  prepare?(w: World): Promise<unknown>;
}

const invites = (w: World) => w.app.db.invite.count();
const state = (w: World, key: string) => w.app.db.occurrenceState.findUnique({ where: { key } });
const question = (w: World, id: number) => w.app.db.question.findUnique({ where: { id } });
const agency = (w: World, code: string) => w.app.db.agency.findUnique({ where: { code } });
const extension = (w: World, id: number) => w.app.db.extension.findUnique({ where: { id } });
/** Presses a button and, unless refused, answers what it then asks. */
const pressThenType = async (w: World, data: string, ...answers: string[]) => {
  const said = [await w.press(data)];
  if (!REFUSED.test(said[0]!)) for (const a of answers) said.push(await w.say(a));
  return said.join('\n');
};

/**
 * Every typed form of the reminder's three answers, as people write them (with and without diacritics), and numbered
 * as a bundled reminder asks ("xong 1": the first deadline it lists).
 */
const TYPED_ANSWERS = ['xong', 'Đã xong', 'xong rồi', 'hoàn thành', 'done', 'đã nhận', 'nhận được', 'got it', 'nhắc lại', 'nhắc sau', 'mai nhắc', 'remind me later', 'snooze', 'xong 1', 'đã nhận 1', 'nhắc lại 1'];
const SCOPES = {
  own: { what: 'the own agency', allowed: [FOCAL, SUP, ALL] },
  other: { what: 'another agency of the province', allowed: [SUP, ALL] },
  elsewhere: { what: 'another province', allowed: [ALL] },
} as const satisfies Record<string, { what: string; allowed: readonly Role[] }>;

const CASES: Case[] = [
  { name: '/moi <own province agency>', allowed: [SUP, ALL], act: (w) => w.say(`/moi ${w.own.code}`), observe: invites },
  { name: '/moi <other province agency>', allowed: [ALL], act: (w) => w.say(`/moi ${w.elsewhere.code}`), observe: invites },
  { name: 'invite button, own province', allowed: [SUP, ALL], act: (w) => w.press(`i:${w.own.id}`), observe: invites, presses: ['invite.agency'] },
  { name: 'invite button, other province', allowed: [ALL], act: (w) => w.press(`i:${w.elsewhere.id}`), observe: invites, presses: ['invite.agency'] },
  { name: '/moi i:<other province> typed', allowed: [ALL], act: (w) => w.say(`/moi i:${w.elsewhere.id}`), observe: invites },
  { name: '/moi giamsat', allowed: [SUP, ALL], act: (w) => w.say('/moi giamsat'), observe: invites },
  { name: '/donvi', allowed: [SUP, ALL], act: (w) => w.say('/donvi') },
  { name: '/donvi doiten <own province agency>', allowed: [SUP, ALL], act: (w) => w.say(`/donvi doiten ${w.other.code} Tên mới`), observe: (w) => agency(w, w.other.code) },
  { name: '/donvi doiten <other province agency>', allowed: [ALL], act: (w) => w.say(`/donvi doiten ${w.elsewhere.code} Tên mới`), observe: (w) => agency(w, w.elsewhere.code) },
  { name: 'reminder "got it", own agency', allowed: [FOCAL, SUP, ALL], act: (w) => w.press(`r:a:${w.occurrences.own}`), observe: (w) => state(w, w.occurrences.own), presses: ['reminder.ack'] },
  { name: 'reminder "later", another agency of the province', allowed: [SUP, ALL], act: (w) => w.press(`r:s:${w.occurrences.other}`), observe: (w) => state(w, w.occurrences.other), presses: ['reminder.snooze'] },
  { name: 'reminder "done", another province', allowed: [ALL], act: (w) => w.press(`r:d:${w.occurrences.elsewhere}`), observe: (w) => state(w, w.occurrences.elsewhere), presses: ['reminder.done'] },
  { name: '"more time" button, own agency, with its date and reason', allowed: [FOCAL], presses: ['extension.request'],
    act: (w) => pressThenType(w, `g:r:${w.occurrences.own}`, w.newDate, 'Chờ số liệu quý'), observe: (w) => w.app.db.extension.count() },
  { name: '"more time" button, another agency of the province', allowed: [], presses: ['extension.request'], act: (w) => w.press(`g:r:${w.occurrences.other}`) },
  { name: 'extension approve button, own province', allowed: [SUP, ALL], presses: ['extension.approve'], act: (w) => w.press(`g:a:${w.extensions.approve}`), observe: (w) => extension(w, w.extensions.approve) },
  { name: 'extension approve button, another province', allowed: [ALL], presses: ['extension.approve'], act: (w) => w.press(`g:a:${w.extensions.elsewhere}`), observe: (w) => extension(w, w.extensions.elsewhere) },
  { name: 'extension decline button, own province, with its reason', allowed: [SUP, ALL], presses: ['extension.decline'],
    act: (w) => pressThenType(w, `g:d:${w.extensions.decline}`, 'Không đủ căn cứ'), observe: (w) => extension(w, w.extensions.decline) },
  { name: 'extension cancel button without its flow (nothing to cancel)', allowed: EVERYONE, presses: ['extension.cancel'], act: (w) => w.press('g:x') },
  { name: '/hanchot', allowed: [FOCAL, SUP, ALL], act: (w) => w.say('/hanchot') },
  { name: '/quahan', allowed: [SUP, ALL], act: (w) => w.say('/quahan') },
  { name: '/baocao', allowed: [FOCAL, SUP, ALL], act: (w) => w.say('/baocao') },
  { name: '/baocao <another agency of the province>', allowed: [SUP, ALL], act: (w) => w.say(`/baocao ${w.other.code}`) },
  { name: '/baocao <other province>', allowed: [ALL], act: (w) => w.say('/baocao nghe-an') },
  { name: '/baocao nhatky (the evidence log)', allowed: [FOCAL, SUP, ALL], act: (w) => w.say('/baocao nhatky') },
  { name: '/baocao nhatky <other province>', allowed: [ALL], act: (w) => w.say('/baocao nhatky nghe-an') },
  { name: '/datngay <own province task>', allowed: [SUP, ALL], act: (w) => w.say(`/datngay ${w.adhoc.own} 10/12/2026`), observe: (w) => w.app.db.adhocDate.count() },
  { name: '/datngay <other province task>', allowed: [ALL], act: (w) => w.say(`/datngay ${w.adhoc.elsewhere} 10/12/2026`), observe: (w) => w.app.db.adhocDate.count() },
  { name: '/capnhat one line, own agency', allowed: [FOCAL], act: (w) => w.say('/capnhat tunguyen=12 ky=tháng 10/2026'), observe: (w) => w.app.db.progressUpdate.count() },
  { name: '/capnhat one line, another agency', allowed: [], act: (w) => w.say(`/capnhat tunguyen=12 ky=tháng 10/2026 donvi=${w.other.code}`), observe: (w) => w.app.db.progressUpdate.count() },
  { name: 'update agency button, own agency, after /capnhat', allowed: [FOCAL], act: async (w) => `${await w.say('/capnhat')}\n${await w.press(`u:a:${w.own.id}`)}`, presses: ['update.agency'] },
  { name: 'update agency button, another agency', allowed: [], act: (w) => w.press(`u:a:${w.other.id}`), presses: ['update.agency'] },
  { name: '/traloi, a question about the province', allowed: [SUP, ALL, STAFF], act: (w) => w.say(`/traloi ${w.questions.binhphuoc} Chào chị`), observe: (w) => question(w, w.questions.binhphuoc) },
  { name: '/traloi, a question about another province', allowed: [ALL, STAFF], act: (w) => w.say(`/traloi ${w.questions.nghean} Chào chị`), observe: (w) => question(w, w.questions.nghean) },
  { name: '/traloi, a question not handed off', allowed: [], act: (w) => w.say(`/traloi ${w.questions.notHandedOff} Chào chị`), observe: (w) => question(w, w.questions.notHandedOff) },
  { name: "hand-off button of the citizen's question", allowed: [CITIZEN], act: (w) => w.press(`q:h:${w.questions.citizens}`), observe: (w) => question(w, w.questions.citizens), presses: ['question.handOff'] },
  { name: "clarifying option of the citizen's question", allowed: [CITIZEN], act: (w) => w.press(`q:c:${w.questions.notHandedOff}:poor`), presses: ['question.category'] },
  { name: "province option of the citizen's question", allowed: [CITIZEN], act: (w) => w.press(`q:p:${w.questions.notHandedOff}:nghe-an`), presses: ['question.province'] },
  // Open to everyone: nothing here is anyone's in particular.
  { name: '/start', allowed: EVERYONE, act: (w) => w.say('/start') },
  { name: '/trogiup', allowed: EVERYONE, act: (w) => w.say('/trogiup') },
  { name: '/ngonngu and its button', allowed: EVERYONE, act: async (w) => `${await w.say('/ngonngu')}\n${await w.press('l:vi')}`, presses: ['lang'] },
  { name: '/lienket', allowed: EVERYONE, act: (w) => w.say('/lienket') },
  { name: "confirm button of another person's link code", allowed: [], act: (w) => w.press(`k:${w.foreignLink}`), presses: ['link.confirm'] },
  { name: '/tinh', allowed: EVERYONE, act: (w) => w.say('/tinh cận nghèo 3tr 6 tháng Hà Nội') },
  { name: 'a question', allowed: EVERYONE, act: (w) => w.say('hộ nghèo đóng bao nhiêu') },
  { name: 'topic button', allowed: EVERYONE, act: (w) => w.press('q:t:payment_modes'), presses: ['question.topic'] },
  { name: '/hotro and its buttons', allowed: EVERYONE, presses: ['subsidy.category', 'subsidy.province', 'subsidy.income', 'subsidy.months', 'subsidy.cancel'],
    act: async (w) => [await w.say('/hotro'), await w.press('s:c:near_poor'), await w.press('s:p:ha-noi'), await w.press('s:i:min'), await w.press('s:m:6'), await w.say('/hotro'), await w.press('s:x')].join('\n') },
  { name: 'update flow buttons without the flow', allowed: [], presses: ['update.period', 'update.metric', 'update.save', 'update.cancel'],
    act: async (w) => [await w.press('u:p:2026-M10'), await w.press('u:m:tunguyen'), await w.press('u:s'), await w.press('u:x')].join('\n') },
  // Typed answers to a reminder (Zalo users type them rather than press): each answers the last reminder the chat was
  // sent, and is refused or allowed exactly as pressing that reminder's button is.
  ...TYPED_ANSWERS.flatMap((answer) =>
    (['own', 'other', 'elsewhere'] as const).map((scope): Case => ({
      name: `typed «${answer}» to a reminder of ${SCOPES[scope].what}`,
      allowed: SCOPES[scope].allowed,
      prepare: (w) => w.remind(w.occurrences[scope]),
      act: (w) => w.say(answer),
      observe: (w) => state(w, w.occurrences[scope]),
    })),
  ),
  // Last: it changes the agencies the cases above use.
  { name: '/donvi gop <agency of the province into another of it>', allowed: [SUP, ALL], act: (w) => w.say(`/donvi gop ${w.other.code} ${w.own.code}`), observe: (w) => agency(w, w.other.code) },
  { name: '/donvi gop <agency of the province into another province>', allowed: [ALL], act: (w) => w.say(`/donvi gop ${w.own.code} ${w.elsewhere.code}`), observe: (w) => agency(w, w.own.code) },
];

/** `a|b(c|d)` → `a`, `b(c|d)`: the alternatives outside any group. */
function topLevelAlternatives(source: string): string[] {
  const parts = [''];
  let depth = 0;
  for (const ch of source) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (ch === '|' && depth === 0) parts.push('');
    else parts[parts.length - 1] += ch;
  }
  return parts;
}

describe('the authorization matrix covers', () => {
  test('every command and every kind of button', () => {
    const named = CASES.map((c) => c.name).join('\n');
    for (const f of features.filter((f) => f.commands)) expect(f.commands!.some((c) => named.includes(`/${c}`)), f.commands!.join(', ')).toBe(true);
    const pressed = new Set(CASES.flatMap((c) => c.presses ?? []));
    expect(BUTTON_KINDS.filter((k) => !pressed.has(k))).toEqual([]);
  });

  test('every typed answer to a reminder, each of its alternatives', () => {
    // Each alternative of each pattern ("xong" and "done" are two) is matched by some answer the matrix types.
    const alternatives = TYPED_REMINDER_ANSWERS.flatMap(([re]) => topLevelAlternatives(re.source).map((part) => new RegExp(part)));
    expect(alternatives.filter((re) => !TYPED_ANSWERS.some((answer) => re.test(typedForm(answer)))).map(String)).toEqual([]);
  });
});

describe.each(DATABASES)('who may do what (%s)', (kind) => {
  test.each(ROLES)('as %s', async (role) => {
    const w = await world(kind, role);
    const wrong: string[] = [];
    for (const c of CASES) {
      const allowed = c.allowed.includes(role);
      await c.prepare?.(w);
      const before = JSON.stringify(await c.observe?.(w));
      const said = await c.act(w);
      const refused = REFUSED.test(said);
      if (allowed === refused) wrong.push(`${c.name}: ${allowed ? 'refused' : 'allowed'}, said «${said.slice(0, 160)}»`);
      const changed = JSON.stringify(await c.observe?.(w)) !== before;
      if (c.observe && changed !== allowed) wrong.push(`${c.name}: ${allowed ? 'nothing stored' : 'stored though refused'}`);
    }
    expect(wrong).toEqual([]);
  });
});

import { join, sqltag as sql } from '@prisma/client/runtime/client';
import type { Db, Provider } from '../db/connect.js';
import { batched } from '../db/batched.js';
import { createWriteBehind } from '../db/write-behind.js';
import { readInChunks } from '../db/chunks.js';
import { jsonRows } from '../db/json-rows.js';
import type { Language } from '../i18n.js';
import type { Channel } from '../messaging/channel.js';
import type { PersonInfo, RoleInfo } from '../domain/people/person.js';
import { EVERY_PROVINCE, rolesHeldBy } from '../domain/people/roles.js';
import type { FlowState } from './chat-state-repo.js';

export type { PersonInfo, RoleInfo };

/** A stored role (its province in `provinceCode`) as the domain reads it. */
export const toRole = (r: { kind: string; agencyId: number | null; provinceCode: string | null }): RoleInfo => ({ kind: r.kind as RoleInfo['kind'], agencyId: r.agencyId, province: r.provinceCode });

export interface ChatAddress {
  channel: Channel;
  chatId: string;
  blocked: boolean;
  /** When the person last wrote in this chat: Zalo lets the OA write only for a while after. */
  lastInboundAt: Date | null;
  personId: number;
}

type ChatRow = { channel: string; chatId: string; blockedAt: Date | null; lastInboundAt: Date | null; personId: number };
const toAddress = (c: ChatRow): ChatAddress => ({ channel: c.channel as Channel, chatId: c.chatId, blocked: !!c.blockedAt, lastInboundAt: c.lastInboundAt, personId: c.personId });

/** Who wrote, read in one query with what the turn needs: their roles and where the chat stands in a guided flow. */
export interface Arrival {
  person: PersonInfo;
  /** The chat's guided-flow state as stored (its age is the flow kit's to judge). */
  flow?: FlowState;
}

type ArrivalRow = { chatId: string; personId: unknown; name: string; language: string; roleKind: string | null; roleAgencyId: unknown; roleProvince: string | null; flow: string | null; flowData: string | null };

export function createPeopleRepo(db: Db, provider: Provider) {
  const toPerson = (p: { id: number; name: string; language: string; roles: { kind: string; agencyId: number | null; provinceCode: string | null }[] }): PersonInfo => ({
    id: p.id,
    name: p.name,
    language: p.language === 'en' ? 'en' : 'vi',
    roles: p.roles.map(toRole),
  });

  /**
   * A chat's last inbound time, written after the reply (many chats in one statement) rather than before it. Every
   * read of a chat's time or block below waits for what is queued, so nothing in this process sees it stale.
   */
  const touches = createWriteBehind<{ channel: Channel; chatId: string; at: Date }>(async (rows) => {
    const latest = new Map<string, { channel: Channel; chatId: string; at: Date }>();
    for (const row of rows) latest.set(`${row.channel}\n${row.chatId}`, row);
    const byChannel = new Map<Channel, { chatId: string; at: Date }[]>();
    for (const row of latest.values()) byChannel.set(row.channel, [...(byChannel.get(row.channel) ?? []), row]);
    for (const [channel, chats] of byChannel) {
      const times = join(chats.map((c) => sql`WHEN ${c.chatId} THEN CAST(${c.at} AS TIMESTAMP(3))`), ' ');
      await db.$executeRaw`UPDATE "Chat" SET "lastInboundAt" = CASE "chatId" ${times} END, "blockedAt" = NULL WHERE "channel" = ${channel} AND "chatId" IN (${join(chats.map((c) => c.chatId))})`;
    }
  }, { maxRows: 300 });
  const touched = () => touches.flush();
  const chatKey = (c: { channel: string; chatId: string }) => `${c.channel}\n${c.chatId}`;

  /**
   * The chats of a burst read together: the arrivals asked for in the same turn of the event loop (telegraf hands
   * a poll's updates over at once) cost one query per channel instead of one each.
   */
  const readChats = batched(async (chats: { channel: Channel; chatId: string }[]): Promise<(Arrival | undefined)[]> => {
    const found = new Map<string, Arrival>();
    for (const channel of new Set(chats.map((c) => c.channel))) {
      const ids = [...new Set(chats.filter((c) => c.channel === channel).map((c) => c.chatId))];
      const rows = await db.$queryRaw<ArrivalRow[]>`
        SELECT c."chatId", c."personId", p."name", p."language", r."kind" AS "roleKind", r."agencyId" AS "roleAgencyId", r."provinceCode" AS "roleProvince", s."flow", s."data" AS "flowData"
        FROM "Chat" c
        JOIN "Person" p ON p."id" = c."personId"
        LEFT JOIN "Role" r ON r."personId" = c."personId"
        LEFT JOIN "ChatState" s ON s."channel" = c."channel" AND s."chatId" = c."chatId"
        WHERE c."channel" = ${channel} AND c."chatId" IN (SELECT v.c1 FROM ${jsonRows(provider, ['text'], ids.map((id) => [id]))} AS v)
        ORDER BY r."id"`;
      const byChat = new Map<string, ArrivalRow[]>();
      for (const row of rows) byChat.set(row.chatId, [...(byChat.get(row.chatId) ?? []), row]);
      for (const [chatId, chatRows] of byChat) found.set(chatKey({ channel, chatId }), toArrival(chatRows));
    }
    return chats.map((c) => found.get(chatKey(c)));
  });
  const read = (channel: Channel, chatId: string) => readChats({ channel, chatId });

  function toArrival(rows: ArrivalRow[]): Arrival {
    const first = rows[0]!;
    const roles = rows.filter((r) => r.roleKind !== null).map((r) => ({ kind: r.roleKind!, agencyId: r.roleAgencyId === null ? null : Number(r.roleAgencyId), provinceCode: r.roleProvince }));
    const person = toPerson({ id: Number(first.personId), name: first.name, language: first.language, roles });
    return first.flow === null ? { person } : { person, flow: { flow: first.flow, data: JSON.parse(first.flowData ?? '{}') as Record<string, unknown> } };
  }

  type ArrivalInput = { channel: Channel; chatId: string; name: string | (() => Promise<string>); language: Language; at?: Date };

  /** First contacts being created, by chat: a second message from the same new chat waits for the first's person. */
  const creating = new Map<string, Promise<Arrival>>();

  type NewChat = ArrivalInput & { name: string };

  /**
   * First contacts, all those of a burst at once: their people in one insert, then their chats in another (an
   * interactive transaction would cost Prisma more than both). SQLite, one writer, numbers a statement's rows from a
   * counter in the order of its VALUES, so the smallest new id is the first row's. A chat another process created in between
   * is theirs: the person made here for it is removed again and theirs is used, so one chat stays one person.
   */
  async function insertPeopleThenChats(chats: NewChat[], now: Date): Promise<{ ids: number[]; made: Set<string> }> {
    const people = await db.$queryRaw<{ id: unknown }[]>`INSERT INTO "Person" ("name", "language", "createdAt") SELECT v.c1, v.c2, v.c3 FROM ${jsonRows(provider, ['text', 'text', 'timestamp'], chats.map((c) => [c.name, c.language, now]))} AS v ORDER BY v.n RETURNING "id"`;
    const ids = people.map((p) => Number(p.id)).sort((a, b) => a - b);
    try {
      const rows = await db.$queryRaw<{ channel: string; chatId: string }[]>`
        INSERT INTO "Chat" ("channel", "chatId", "personId", "lastInboundAt", "createdAt")
        SELECT v.c1, v.c2, v.c3, v.c4, v.c5 FROM ${jsonRows(provider, ['text', 'text', 'integer', 'timestamp', 'timestamp'], chats.map((c, i) => [c.channel, c.chatId, ids[i], c.at ?? null, now]))} AS v ORDER BY v.n
        ON CONFLICT ("channel", "chatId") DO NOTHING RETURNING "channel", "chatId"`;
      return { ids, made: new Set(rows.map(chatKey)) };
    } catch (e) {
      await db.$executeRaw`DELETE FROM "Person" WHERE "id" IN (${join(ids)})`.catch(() => undefined);
      throw e;
    }
  }

  /**
   * PostgreSQL: both inserts in one statement (data-modifying CTEs), one round trip instead of two, and all or
   * nothing. Each chat's person id is drawn from the sequence beside it first, so the pairing rests on nothing
   * about the order in which rows are inserted or returned.
   */
  async function insertPeopleAndChats(chats: NewChat[], now: Date): Promise<{ ids: number[]; made: Set<string> }> {
    const input = jsonRows(provider, ['integer', 'text', 'text', 'text', 'text', 'timestamp'], chats.map((c, i) => [i, c.channel, c.chatId, c.name, c.language, c.at ?? null]));
    const rows = await db.$queryRaw<{ ord: unknown; id: unknown; made: boolean }[]>`
      WITH "input" ("ord", "channel", "chatId", "name", "language", "at") AS (SELECT v.c1, v.c2, v.c3, v.c4, v.c5, v.c6 FROM ${input} AS v),
      "numbered" AS (SELECT i.*, CAST(nextval(pg_get_serial_sequence('"Person"', 'id')) AS INTEGER) AS "id" FROM "input" i),
      "people" AS (INSERT INTO "Person" ("id", "name", "language", "createdAt") SELECT "id", "name", "language", CAST(${now} AS TIMESTAMP(3)) FROM "numbered" RETURNING "id"),
      "chats" AS (
        INSERT INTO "Chat" ("channel", "chatId", "personId", "lastInboundAt", "createdAt")
        SELECT n."channel", n."chatId", n."id", n."at", CAST(${now} AS TIMESTAMP(3)) FROM "numbered" n
        ON CONFLICT ("channel", "chatId") DO NOTHING RETURNING "channel", "chatId")
      SELECT n."ord", n."id", c."chatId" IS NOT NULL AS "made"
      FROM "numbered" n LEFT JOIN "chats" c ON c."channel" = n."channel" AND c."chatId" = n."chatId"`;
    const ids: number[] = [];
    const made = new Set<string>();
    for (const r of rows) {
      const i = Number(r.ord);
      ids[i] = Number(r.id);
      if (r.made) made.add(chatKey(chats[i]!));
    }
    return { ids, made };
  }

  const createChats = batched(async (chats: NewChat[]): Promise<Arrival[]> => {
    const now = new Date();
    const { ids, made } = await (provider === 'postgresql' ? insertPeopleAndChats : insertPeopleThenChats)(chats, now);
    const lost = chats.flatMap((c, i) => (made.has(chatKey(c)) ? [] : [ids[i]!]));
    if (lost.length) await db.$executeRaw`DELETE FROM "Person" WHERE "id" IN (${join(lost)})`;
    return Promise.all(chats.map(async (c, i) => {
      if (made.has(chatKey(c))) return { person: toPerson({ id: ids[i]!, name: c.name, language: c.language, roles: [] }) };
      const theirs = await read(c.channel, c.chatId);
      if (!theirs) throw new Error(`chat ${c.channel}:${c.chatId} neither created nor found`);
      if (c.at) touches.add({ channel: c.channel, chatId: c.chatId, at: c.at });
      return theirs;
    }));
  });

  async function create(input: ArrivalInput): Promise<Arrival> {
    const name = typeof input.name === 'string' ? input.name : await input.name();
    return createChats({ ...input, name });
  }

  /**
   * The person behind a chat with the chat's flow state, in one query; created on first contact with the given
   * language. `at` is when they wrote: it becomes the chat's last inbound time and unblocks the chat. A chat the
   * service writes to on its own (a staff group) has no `at`: being written to says nothing about Zalo's window or
   * a block.
   */
  async function arrive(input: ArrivalInput): Promise<Arrival> {
    const found = await read(input.channel, input.chatId);
    if (found) {
      if (input.at) touches.add({ channel: input.channel, chatId: input.chatId, at: input.at });
      return found;
    }
    const key = chatKey(input);
    const pending = creating.get(key);
    if (pending) {
      const arrival = await pending;
      if (input.at) touches.add({ channel: input.channel, chatId: input.chatId, at: input.at });
      return arrival;
    }
    const creation = create(input).finally(() => creating.delete(key));
    creating.set(key, creation);
    return creation;
  }

  return {
    arrive,
    personForChat: async (input: ArrivalInput): Promise<PersonInfo> => (await arrive(input)).person,
    /** Resolves once every chat's last inbound time queued so far is stored. */
    flush: touched,
    async person(id: number): Promise<PersonInfo | undefined> {
      const p = await db.person.findUnique({ where: { id }, include: { roles: true } });
      return p ? toPerson(p) : undefined;
    },
    /** Many people with their roles, in one query per 500. */
    async persons(ids: readonly number[]): Promise<PersonInfo[]> {
      const rows = await readInChunks([...new Set(ids)], (slice) => db.person.findMany({ where: { id: { in: slice } }, include: { roles: true } }));
      return rows.map(toPerson);
    },
    setLanguage: (personId: number, language: Language) => db.person.update({ where: { id: personId }, data: { language } }),
    async addRole(personId: number, role: RoleInfo): Promise<void> {
      const exists = await db.role.findFirst({ where: { personId, kind: role.kind, agencyId: role.agencyId, provinceCode: role.province } });
      if (!exists) await db.role.create({ data: { personId, kind: role.kind, agencyId: role.agencyId, provinceCode: role.province } });
    },
    /** Focal points per agency. */
    async focalPoints(agencyIds: number[]): Promise<Map<number, number[]>> {
      const roles = await db.role.findMany({ where: { kind: 'focal', agencyId: { in: agencyIds } } });
      const out = new Map<number, number[]>();
      for (const r of roles) out.set(r.agencyId!, [...(out.get(r.agencyId!) ?? []), r.personId]);
      return out;
    },
    /** Supervisors of a province, including those of every province. */
    async supervisors(province: string): Promise<number[]> {
      const roles = await db.role.findMany({ where: { kind: 'supervisor', provinceCode: { in: [province, EVERY_PROVINCE] } } });
      return [...new Set(roles.map((r) => r.personId))];
    },
    /** Where to reach a person: the chat they used most recently and have not blocked the bot in. */
    async address(personId: number): Promise<ChatAddress | undefined> {
      await touched();
      const chats = await db.chat.findMany({ where: { personId }, orderBy: [{ lastInboundAt: 'desc' }, { id: 'desc' }] });
      const chat = chats.find((c) => !c.blockedAt) ?? chats[0];
      return chat ? toAddress(chat) : undefined;
    },
    /** Every chat of a person, the most recently used first. */
    async addresses(personId: number): Promise<ChatAddress[]> {
      await touched();
      const chats = await db.chat.findMany({ where: { personId }, orderBy: [{ lastInboundAt: 'desc' }, { id: 'desc' }] });
      return chats.map(toAddress);
    },
    async chat(channel: Channel, chatId: string): Promise<ChatAddress | undefined> {
      await touched();
      const chat = await db.chat.findUnique({ where: { channel_chatId: { channel, chatId } } });
      return chat ? toAddress(chat) : undefined;
    },
    /** People with a role whose chat on `channel` has been silent since `before` (or never written in), not blocked. */
    async silentSince(channel: Channel, before: Date): Promise<{ person: PersonInfo; lastInboundAt: Date | null }[]> {
      await touched();
      const chats = await db.chat.findMany({
        where: { channel, blockedAt: null, OR: [{ lastInboundAt: null }, { lastInboundAt: { lt: before } }], person: { roles: { some: {} } } },
        include: { person: { include: { roles: true } } },
        orderBy: { id: 'asc' },
      });
      return chats.map((c) => ({ person: toPerson(c.person), lastInboundAt: c.lastInboundAt }));
    },
    /**
     * Joins a chat to another person (the same human on a second channel). Roles never move: a chat whose person
     * holds a role the other does not is refused (false), so a code typed by someone talked into it cannot hand
     * their roles to whoever asked for it.
     */
    async linkChat(channel: Channel, chatId: string, toPersonId: number): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const chat = await tx.chat.findUniqueOrThrow({ where: { channel_chatId: { channel, chatId } } });
        if (chat.personId === toPersonId) return true;
        const own = { roles: (await tx.role.findMany({ where: { personId: chat.personId } })).map(toRole) };
        const theirs = { roles: (await tx.role.findMany({ where: { personId: toPersonId } })).map(toRole) };
        if (!rolesHeldBy(own, theirs)) return false;
        await tx.chat.update({ where: { id: chat.id }, data: { personId: toPersonId } });
        return true;
      });
    },
    async agencyProvinces(agencyIds: number[]): Promise<string[]> {
      const rows = await db.agency.findMany({ where: { id: { in: agencyIds } }, select: { provinceCode: true } });
      return [...new Set(rows.map((r) => r.provinceCode))];
    },
    async markBlocked(channel: Channel, chatId: string, at: Date) {
      // After the person's last message is stored: its write would unblock the chat again.
      await touched();
      return db.chat.updateMany({ where: { channel, chatId }, data: { blockedAt: at } });
    },
    async listPeople() {
      await touched();
      return db.person.findMany({ include: { roles: { include: { agency: true } }, chats: true }, orderBy: { id: 'asc' } });
    },
    /** Many people's languages at once (the outbox renders a claim's messages with them). */
    async languages(personIds: readonly number[]): Promise<Map<number, string>> {
      const rows = await readInChunks(personIds, (slice) => db.person.findMany({ where: { id: { in: slice } }, select: { id: true, language: true } }));
      return new Map(rows.map((p) => [p.id, p.language]));
    },
    /** Many chats at once, keyed `channel:chatId`. */
    async chats(keys: readonly { channel: Channel; chatId: string }[]): Promise<Map<string, ChatAddress>> {
      await touched();
      const rows = await readInChunks([...new Set(keys.map((k) => k.chatId))], (slice) => db.chat.findMany({ where: { chatId: { in: slice } } }));
      return new Map(rows.map((c) => [`${c.channel}:${c.chatId}`, toAddress(c)]));
    },
    /** Roles given since the role numbered `after`: the agencies and provinces they cover, and the last number. */
    async rolesSince(after: number): Promise<{ last: number; agencyIds: number[]; provinces: string[] }> {
      const rows = await db.role.findMany({ where: { id: { gt: after } }, select: { id: true, agencyId: true, provinceCode: true }, orderBy: { id: 'asc' } });
      return {
        last: rows.at(-1)?.id ?? after,
        agencyIds: [...new Set(rows.flatMap((r) => (r.agencyId === null ? [] : [r.agencyId])))],
        provinces: [...new Set(rows.flatMap((r) => (r.provinceCode === null ? [] : [r.provinceCode])))],
      };
    },
    /** Where to reach each of many people, as `address` would say for each. */
    async addressesOf(personIds: readonly number[]): Promise<Map<number, ChatAddress>> {
      await touched();
      const rows = await readInChunks(personIds, (slice) => db.chat.findMany({ where: { personId: { in: slice } }, orderBy: [{ lastInboundAt: 'desc' }, { id: 'desc' }] }));
      const out = new Map<number, ChatAddress>();
      for (const c of rows) {
        const known = out.get(c.personId);
        if (!known || (known.blocked && !c.blockedAt)) out.set(c.personId, toAddress(c));
      }
      return out;
    },
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;

import type { Db } from '../db/connect.js';
import type { Language } from '../i18n.js';
import type { Channel } from '../messaging/channel.js';
import type { PersonInfo, RoleInfo } from '../domain/people/person.js';
import { EVERY_PROVINCE } from '../domain/people/roles.js';

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

export function createPeopleRepo(db: Db) {
  const toPerson = (p: { id: number; name: string; language: string; roles: { kind: string; agencyId: number | null; provinceCode: string | null }[] }): PersonInfo => ({
    id: p.id,
    name: p.name,
    language: p.language === 'en' ? 'en' : 'vi',
    roles: p.roles.map(toRole),
  });

  return {
    /**
     * The person behind a chat, created on first contact with the given language. `at` is when they wrote:
     * it becomes the chat's last inbound time and unblocks the chat. A chat the service writes to on its
     * own (a staff group) has no `at`: being written to says nothing about Zalo's window or a block.
     */
    async personForChat(input: { channel: Channel; chatId: string; name: string | (() => Promise<string>); language: Language; at?: Date }): Promise<PersonInfo> {
      const chat = await db.chat.findUnique({ where: { channel_chatId: { channel: input.channel, chatId: input.chatId } } });
      if (chat) {
        if (input.at) await db.chat.update({ where: { id: chat.id }, data: { lastInboundAt: input.at, blockedAt: null } });
        return toPerson(await db.person.findUniqueOrThrow({ where: { id: chat.personId }, include: { roles: true } }));
      }
      const name = typeof input.name === 'string' ? input.name : await input.name();
      const person = await db.person.create({
        data: { name, language: input.language, chats: { create: { channel: input.channel, chatId: input.chatId, lastInboundAt: input.at } } },
        include: { roles: true },
      });
      return toPerson(person);
    },
    async person(id: number): Promise<PersonInfo | undefined> {
      const p = await db.person.findUnique({ where: { id }, include: { roles: true } });
      return p ? toPerson(p) : undefined;
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
      const chats = await db.chat.findMany({ where: { personId }, orderBy: [{ lastInboundAt: 'desc' }, { id: 'desc' }] });
      const chat = chats.find((c) => !c.blockedAt) ?? chats[0];
      return chat ? toAddress(chat) : undefined;
    },
    /** Every chat of a person, the most recently used first. */
    async addresses(personId: number): Promise<ChatAddress[]> {
      const chats = await db.chat.findMany({ where: { personId }, orderBy: [{ lastInboundAt: 'desc' }, { id: 'desc' }] });
      return chats.map(toAddress);
    },
    async chat(channel: Channel, chatId: string): Promise<ChatAddress | undefined> {
      const chat = await db.chat.findUnique({ where: { channel_chatId: { channel, chatId } } });
      return chat ? toAddress(chat) : undefined;
    },
    /** People with a role whose chat on `channel` has been silent since `before` (or never written in), not blocked. */
    async silentSince(channel: Channel, before: Date): Promise<{ person: PersonInfo; lastInboundAt: Date | null }[]> {
      const chats = await db.chat.findMany({
        where: { channel, blockedAt: null, OR: [{ lastInboundAt: null }, { lastInboundAt: { lt: before } }], person: { roles: { some: {} } } },
        include: { person: { include: { roles: true } } },
        orderBy: { id: 'asc' },
      });
      return chats.map((c) => ({ person: toPerson(c.person), lastInboundAt: c.lastInboundAt }));
    },
    /**
     * Joins a chat to another person (the same human on a second channel): the chat moves, and the roles and
     * language the chat's old person had are kept by the new one.
     */
    async linkChat(channel: Channel, chatId: string, toPersonId: number): Promise<void> {
      await db.$transaction(async (tx) => {
        const chat = await tx.chat.findUniqueOrThrow({ where: { channel_chatId: { channel, chatId } } });
        if (chat.personId === toPersonId) return;
        for (const r of await tx.role.findMany({ where: { personId: chat.personId } })) {
          const role = { personId: toPersonId, kind: r.kind, agencyId: r.agencyId, provinceCode: r.provinceCode };
          if (!(await tx.role.findFirst({ where: role }))) await tx.role.create({ data: role });
        }
        await tx.chat.update({ where: { id: chat.id }, data: { personId: toPersonId } });
      });
    },
    async agencyProvinces(agencyIds: number[]): Promise<string[]> {
      const rows = await db.agency.findMany({ where: { id: { in: agencyIds } }, select: { provinceCode: true } });
      return [...new Set(rows.map((r) => r.provinceCode))];
    },
    markBlocked: (channel: Channel, chatId: string, at: Date) => db.chat.updateMany({ where: { channel, chatId }, data: { blockedAt: at } }),
    listPeople: () => db.person.findMany({ include: { roles: { include: { agency: true } }, chats: true }, orderBy: { id: 'asc' } }),
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;

import type { Db } from '../db/connect.js';

/** Where a guided flow (subsidy, update) stands in one chat; survives restarts. */
export interface FlowState<T = Record<string, unknown>> {
  flow: string;
  data: T;
}

export function createChatStateRepo(db: Db) {
  return {
    async get<T = Record<string, unknown>>(chat: { channel: string; chatId: string }): Promise<FlowState<T> | undefined> {
      const row = await db.chatState.findUnique({ where: { channel_chatId: chat } });
      return row ? { flow: row.flow, data: JSON.parse(row.data) as T } : undefined;
    },
    async set(chat: { channel: string; chatId: string }, state: FlowState): Promise<void> {
      const data = JSON.stringify(state.data);
      await db.chatState.upsert({ where: { channel_chatId: chat }, create: { ...chat, flow: state.flow, data }, update: { flow: state.flow, data } });
    },
    async clear(chat: { channel: string; chatId: string }): Promise<void> {
      await db.chatState.deleteMany({ where: chat });
    },
  };
}

export type ChatStateRepo = ReturnType<typeof createChatStateRepo>;

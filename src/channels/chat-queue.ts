import type { ChatLock } from '../db/chat-lock.js';

/**
 * One chat's messages handled one at a time, in the order they were handed in; other chats do not wait. Two quick
 * messages of a guided flow then cannot both read its state before either writes it, and a reply never overtakes
 * the reply to the message before. Holds only the chats with work in hand. With a `lock` (webhooks on PostgreSQL),
 * each turn also holds the chat against the other instances: the queue keeps this process's order, the lock theirs.
 */
export function createChatQueue(lock?: Pick<ChatLock, 'hold'>) {
  const tails = new Map<string, Promise<void>>();
  return function inTurn<T>(chat: string, work: () => Promise<T>): Promise<T> {
    const run = (tails.get(chat) ?? Promise.resolve()).then(lock ? () => lock.hold(chat, work) : work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(chat, tail);
    void tail.then(() => {
      if (tails.get(chat) === tail) tails.delete(chat);
    });
    return run;
  };
}

export type ChatQueue = ReturnType<typeof createChatQueue>;

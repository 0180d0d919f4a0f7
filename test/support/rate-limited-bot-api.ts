import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A sendMessage the server took or refused. */
export interface Call {
  chatId: string;
  text: string;
  /** When it arrived, ms (performance.now() of this process). */
  at: number;
  /** When it arrived, ms since the epoch: comparable with other processes' times. */
  wall: number;
  /** 200 taken, 429 refused, 500 a scripted server error, 0 a scripted hang (held open, never taken). */
  status: number;
  /** Why a 429: over the per-second or per-chat limit, scripted, or sent while an earlier 429's retry_after ran. */
  refused?: 'limit' | 'scripted' | 'waiting';
}

/**
 * Faults scripted per chat and try from a seed: the n-th call to a chat fails the same way whatever the timing, so a
 * run can be repeated. Shares of the calls the limits let through.
 */
export interface Faults {
  seed: number;
  serverError: number;
  hang: number;
  tooMany: number;
  /** retry_after of a scripted 429, seconds (Telegram gives whole seconds; a test may scale time down). */
  retryAfter: number;
  /**
   * Refuse every call during a scripted 429's retry_after, as Telegram does. Off, the calls that arrive then are
   * only counted (floodWaits): the 429s stay the scripted share of the calls.
   */
  refuseDuringWait?: boolean;
}

export interface RateLimitedBotApiOptions {
  /** Messages a second across chats before a 429 (Telegram: about 30). */
  perSecond: number;
  /** The least gap between two messages to one chat before a 429 (Telegram: about 1 s). */
  perChatMs: number;
  /** retry_after, seconds, in a 429 (default 1). */
  retryAfter?: number;
  faults?: Faults;
}

/** A number in [0, 1) from a seed and a key (FNV-1a, then a round of mulberry32). */
export function seeded(seed: number, key: string): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  h = (h + 0x6d2b79f5) >>> 0;
  let t = Math.imul(h ^ (h >>> 15), h | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * A Bot API server that keeps Telegram's published limits as the real one does: a sendMessage beyond `perSecond`
 * in the last second, or sooner than `perChatMs` after the last one to its chat, is answered HTTP 429 with
 * `parameters.retry_after`. Only accepted calls count towards the limits. It answers what a bot needs to start and
 * long-poll (getMe, deleteWebhook, getUpdates held until its timeout: nobody writes to this bot).
 */
export async function startRateLimitedBotApi(options: RateLimitedBotApiOptions) {
  const calls: Call[] = [];
  const accepted: number[] = []; // arrival times of accepted calls, oldest first
  let oldest = 0; // index of the first accepted call inside the last second
  const lastInChat = new Map<string, number>();
  const polls = new Set<ServerResponse>();
  const held = new Set<ServerResponse>();
  const triesInChat = new Map<string, number>();
  let waitUntil = 0; // the end of the last scripted 429's retry_after
  let messageId = 0;
  const faults = options.faults;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  function sendMessage(res: ServerResponse, body: { chat_id?: string | number; text?: string }): void {
    const at = performance.now();
    const chatId = String(body.chat_id ?? '');
    const text = String(body.text ?? '');
    const tooMany = (retryAfter: number, refused: Call['refused']) => {
      calls.push({ chatId, text, at, wall: Date.now(), status: 429, refused });
      json(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    };
    // As Telegram does, a bot that sends during a flood wait is refused again.
    if (faults?.refuseDuringWait && at < waitUntil) return tooMany(Math.max(0.001, (waitUntil - at) / 1000), 'waiting');
    while (oldest < accepted.length && accepted[oldest]! <= at - 1000) oldest++;
    const overall = accepted.length - oldest >= options.perSecond;
    const last = lastInChat.get(chatId);
    const inChat = last !== undefined && at - last < options.perChatMs;
    if (overall || inChat) return tooMany(options.retryAfter ?? 1, 'limit');
    if (faults) {
      const n = (triesInChat.get(chatId) ?? 0) + 1;
      triesInChat.set(chatId, n);
      const x = seeded(faults.seed, `${chatId}#${n}`);
      if (x < faults.serverError) {
        calls.push({ chatId, text, at, wall: Date.now(), status: 500 });
        return json(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
      }
      if (x < faults.serverError + faults.hang) {
        calls.push({ chatId, text, at, wall: Date.now(), status: 0 });
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      if (x < faults.serverError + faults.hang + faults.tooMany) {
        waitUntil = at + faults.retryAfter * 1000;
        return tooMany(faults.retryAfter, 'scripted');
      }
    }
    accepted.push(at);
    lastInChat.set(chatId, at);
    calls.push({ chatId, text, at, wall: Date.now(), status: 200 });
    json(res, 200, { ok: true, result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' }, text: body.text } });
  }

  function answer(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const method = (req.url ?? '').split('/').pop() ?? '';
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (method === 'sendMessage') return sendMessage(res, body);
    if (method === 'getMe') return json(res, 200, { ok: true, result: { id: 1, is_bot: true, first_name: 'Bot', username: 'bhxh_test_bot' } });
    if (method === 'getUpdates') {
      const timeout = Number(body.timeout ?? 0) * 1000;
      polls.add(res);
      const timer = setTimeout(() => {
        polls.delete(res);
        json(res, 200, { ok: true, result: [] });
      }, Math.min(timeout, 5000));
      res.on('close', () => {
        clearTimeout(timer);
        polls.delete(res);
      });
      return;
    }
    json(res, 200, { ok: true, result: true });
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => answer(req, res, raw));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    delivered: () => deliveredPerChat(calls),
    worst: () => worstOf(calls),
    async stop(): Promise<void> {
      for (const res of [...polls, ...held]) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type RateLimitedBotApi = Awaited<ReturnType<typeof startRateLimitedBotApi>>;

/** Accepted messages per chat. */
export function deliveredPerChat(calls: readonly Call[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of calls) if (c.status === 200) out.set(c.chatId, (out.get(c.chatId) ?? 0) + 1);
  return out;
}

/** The most accepted calls in any second, and the least gap between two accepted calls to one chat. */
export function worstOf(calls: readonly Call[]): { perSecond: number; chatGapMs: number } {
  const times = calls.filter((c) => c.status === 200).map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! <= times[i]! - 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  const last = new Map<string, number>();
  let gap = Infinity;
  for (const c of [...calls].filter((c) => c.status === 200).sort((a, b) => a.at - b.at)) {
    const before = last.get(c.chatId);
    if (before !== undefined) gap = Math.min(gap, c.at - before);
    last.set(c.chatId, c.at);
  }
  return { perSecond: most, chatGapMs: gap };
}

/**
 * The scripted 429s, and the calls that arrived during one's retry_after later than `graceMs` after it: calls already
 * on their way when it was answered may arrive within the grace; any later one was sent during the wait.
 */
export function floodWaits(calls: readonly Call[], retryAfterMs: number, graceMs: number): { waits: number; honoured: number; early: Call[] } {
  let start = -Infinity;
  const broken = new Set<number>();
  let waits = 0;
  const early: Call[] = [];
  for (const c of [...calls].sort((a, b) => a.at - b.at)) {
    if (c.refused === 'scripted') {
      waits++;
      start = c.at;
    } else if (c.at > start + graceMs && c.at < start + retryAfterMs) {
      early.push(c);
      broken.add(start);
    }
  }
  return { waits, honoured: waits - broken.size, early };
}

/**
 * The pause the whole bot took after each scripted 429, measured at the platform: from the 429 to the next call of
 * any chat that arrived later than `graceMs` after it (calls already on their way when it was answered arrive within
 * the grace). A wait is honoured when its pause is at least retry_after. The last 429 of a run may have no call after
 * it: it is not counted.
 */
export function measuredPauses(calls: readonly Call[], retryAfterMs: number, graceMs: number): { waits: number; honoured: number; pausesMs: number[]; leastMs: number } {
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  const pausesMs: number[] = [];
  for (let i = 0, next = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    if (c.refused !== 'scripted') continue;
    next = Math.max(next, i + 1);
    while (next < sorted.length && sorted[next]!.at <= c.at + graceMs) next++;
    if (next < sorted.length) pausesMs.push(sorted[next]!.at - c.at);
  }
  const honoured = pausesMs.filter((ms) => ms >= retryAfterMs).length;
  return { waits: pausesMs.length, honoured, pausesMs, leastMs: pausesMs.length ? Math.min(...pausesMs) : NaN };
}

/** The line both the fault test and its bench print: how many 429 waits the bot honoured, from the measured pauses. */
export function honouredLine(p: ReturnType<typeof measuredPauses>, retryAfterMs: number): string {
  const sorted = [...p.pausesMs].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN;
  return `429 waits honoured ${p.honoured} of ${p.waits} (pause after a 429 to the next call of any chat: least ${p.leastMs.toFixed(0)} ms, median ${median.toFixed(0)} ms; retry_after ${retryAfterMs} ms)`;
}

/** The least gap between two calls to one chat, whatever their answer: the spacing the sender kept. */
export function leastChatGap(calls: readonly Call[]): number {
  const last = new Map<string, number>();
  let gap = Infinity;
  for (const c of [...calls].sort((a, b) => a.at - b.at)) {
    const before = last.get(c.chatId);
    if (before !== undefined) gap = Math.min(gap, c.at - before);
    last.set(c.chatId, c.at);
  }
  return gap;
}

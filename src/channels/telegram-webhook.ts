import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Update } from 'telegraf/types';
import { readBody } from '../http/body.js';
import { processRecorded, type RecordedEvents } from './recorded-events.js';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

// Hashes have one length whatever was sent, so the comparison takes the same time for every wrong guess.
const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the header carries the webhook's secret, compared in constant time. */
export function isTelegramSecret(header: string | string[] | undefined, secret: string): boolean {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && timingSafeEqual(digest(given), digest(secret));
}

// An update is a message or a button press: a few kilobytes. A larger body is not Telegram's.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * POST <path of TELEGRAM_WEBHOOK_URL>: refuses a request without the secret header (403, nothing read or stored),
 * records the update by its id (Telegram delivers again what was not answered 2xx: a second delivery is answered 200
 * and skipped, on whichever instance it lands), answers 200 at once and handles the update afterwards.
 */
export function telegramWebhookHandler(opts: RecordedEvents<Update> & { secret: string; inTurn?: <T>(chat: string, work: () => Promise<T>) => Promise<T> }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isTelegramSecret(req.headers[SECRET_HEADER], opts.secret)) return void res.writeHead(403).end();
    const raw = await readBody(req, res, MAX_BODY_BYTES);
    if (raw === undefined) return;
    const update = parseUpdate(raw);
    if (!update) return void res.writeHead(400).end();
    const id = String(update.update_id);
    const kind = Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
    // The chat's turn is taken before the update is recorded: the next update of the chat, on any instance, waits.
    const take = async () => {
      const fresh = await opts.events.record('telegram', id, kind, raw, opts.now());
      res.writeHead(200).end();
      if (fresh) await processRecorded('telegram', opts, id, update);
    };
    const chat = opts.inTurn && chatOfUpdate(update);
    await (chat ? opts.inTurn!(chat, take) : take());
  };
}

/** The chat an update belongs to, as telegraf's context reads it: the message's chat, else the user who acted. */
export function chatOfUpdate(update: Update): string | undefined {
  type Part = { chat?: { id: number }; message?: { chat?: { id: number } }; from?: { id: number } };
  const kind = Object.keys(update).find((k) => k !== 'update_id') ?? '';
  const part = (update as unknown as Record<string, Part | undefined>)[kind];
  const id = part?.chat?.id ?? part?.message?.chat?.id ?? part?.from?.id;
  return id === undefined ? undefined : String(id);
}

function parseUpdate(raw: string): Update | undefined {
  try {
    const update = JSON.parse(raw) as Update;
    return Number.isSafeInteger(update?.update_id) ? update : undefined;
  } catch {
    return undefined;
  }
}

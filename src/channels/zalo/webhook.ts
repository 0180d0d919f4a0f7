import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../http/body.js';
import type { InboundEventRepo } from '../../repositories/inbound-event-repo.js';
import { processRecorded, recoverRecorded } from '../recorded-events.js';
import { verifyZaloSignature } from './signature.js';

export interface ZaloEvent {
  event_name: string;
  app_id?: string;
  sender?: { id: string };
  /** follow / unfollow name the user here rather than in `sender`. */
  follower?: { id: string };
  recipient?: { id: string };
  message?: { text?: string; msg_id?: string };
  timestamp?: string;
}

export interface ZaloWebhookOptions {
  appId: string;
  oaSecretKey: string;
  events: InboundEventRepo;
  /** Runs after the 200 has been sent. */
  process: (event: ZaloEvent) => Promise<void>;
  now?: () => Date;
  onError?: (e: unknown) => void;
  /** How far an event's timestamp may be from now, either way; older or newer is a replay (400). */
  windowMs?: number;
  /**
   * Takes the user's turn from before the event is recorded until it is processed: a second event of theirs, on this
   * instance or another, waits for it, and so is handled after it.
   */
  inTurn?: <T>(user: string, work: () => Promise<T>) => Promise<T>;
}

export const DEFAULT_WINDOW_MS = 15 * 60_000;

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasId = (v: unknown) => v === undefined || (isRecord(v) && isText(v.id, 128));

/** A signed body read as an event, or undefined when it is not one Zalo sends (an array, no event name, bad fields). */
export function parseZaloEvent(raw: string): ZaloEvent | undefined {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(body) || !isText(body.event_name, 64) || !body.event_name || !/^\d{1,16}$/.test(String(body.timestamp ?? ''))) return undefined;
  if (!hasId(body.sender) || !hasId(body.follower) || !hasId(body.recipient)) return undefined;
  const message = body.message;
  if (message !== undefined && !(isRecord(message) && (message.text === undefined || typeof message.text === 'string') && (message.msg_id === undefined || isText(message.msg_id, 128)))) return undefined;
  return { ...(body as unknown as ZaloEvent), timestamp: String(body.timestamp) };
}

/** Zalo stamps each event (ms since the epoch); one far from now was recorded earlier and sent again. */
const withinWindow = (event: ZaloEvent, now: Date, windowMs: number) => Math.abs(Number(event.timestamp) - now.getTime()) <= windowMs;

/** The event's id: the message id for messages, else a hash-free composite of kind, sender and timestamp. */
export function zaloEventId(e: ZaloEvent): string {
  return e.message?.msg_id ?? `${e.event_name}:${zaloUserOf(e) ?? ''}:${e.timestamp ?? ''}`;
}

/** The Zalo user an event is about. */
export const zaloUserOf = (e: ZaloEvent): string | undefined => e.sender?.id ?? e.follower?.id;

// Zalo's events are small; a larger body is not Zalo's and is refused before it fills memory.
const MAX_BODY_BYTES = 256 * 1024;

/**
 * POST /zalo/webhook: verifies X-ZEvent-Signature over the raw body (401, nothing stored, otherwise), records the
 * event (a duplicate is answered 200 and skipped), answers 200 at once and processes afterwards.
 */
export function zaloWebhookHandler(opts: ZaloWebhookOptions) {
  const now = opts.now ?? (() => new Date());
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req, res, MAX_BODY_BYTES);
    if (raw === undefined) return;
    const header = req.headers['x-zevent-signature'];
    if (!verifyZaloSignature(Array.isArray(header) ? header[0] : header, raw, opts.appId, opts.oaSecretKey)) {
      res.writeHead(401).end();
      return;
    }
    const event = parseZaloEvent(raw);
    // Refused without a word of the body in any log: it is a person's message, or an attacker's.
    if (!event || !withinWindow(event, now(), opts.windowMs ?? DEFAULT_WINDOW_MS)) {
      res.writeHead(400).end();
      return;
    }
    const id = zaloEventId(event);
    const take = async () => {
      const fresh = await opts.events.record('zalo', id, event.event_name, raw, now());
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (fresh) await processRecorded('zalo', { ...opts, now }, id, event);
    };
    await (opts.inTurn ? opts.inTurn(zaloUserOf(event) ?? '', take) : take());
  };
}

/** At start: Zalo's events a stopped process answered 200 but never processed. */
export const recoverZaloEvents = (opts: Pick<ZaloWebhookOptions, 'events' | 'process' | 'onError'> & { now: () => Date }): Promise<number> => recoverRecorded('zalo', opts);

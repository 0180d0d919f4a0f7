import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundEventRepo } from '../../repositories/inbound-event-repo.js';
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
}

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
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(c as Buffer);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const header = req.headers['x-zevent-signature'];
    if (!verifyZaloSignature(Array.isArray(header) ? header[0] : header, raw, opts.appId, opts.oaSecretKey)) {
      res.writeHead(401).end();
      return;
    }
    const event = JSON.parse(raw) as ZaloEvent;
    const id = zaloEventId(event);
    const fresh = await opts.events.record('zalo', id, event.event_name, raw, now());
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (fresh) await processRecorded({ ...opts, now }, id, event);
  };
}

/** Processes a recorded event and marks it done, with the error if it failed. True when it succeeded. */
async function processRecorded(opts: Pick<ZaloWebhookOptions, 'events' | 'process' | 'onError'> & { now: () => Date }, id: string, event: ZaloEvent): Promise<boolean> {
  try {
    await opts.process(event);
    await opts.events.markProcessed('zalo', id, opts.now());
    return true;
  } catch (e) {
    await opts.events.markProcessed('zalo', id, opts.now(), e instanceof Error ? e.message : String(e)).catch(() => undefined);
    opts.onError?.(e);
    return false;
  }
}

// Processing an event takes seconds; one left unprocessed longer than this was dropped by a process that died.
const ORPHAN_AFTER_MS = 2 * 60_000;

/**
 * Processes the events that were recorded and answered 200 but never processed (the process stopped in between),
 * so a citizen's message is not lost to a restart. Each is claimed first, so two instances do not both take it.
 */
export async function recoverZaloEvents(opts: Pick<ZaloWebhookOptions, 'events' | 'process' | 'onError'> & { now: () => Date }): Promise<number> {
  let recovered = 0;
  for (const orphan of await opts.events.orphans('zalo', new Date(opts.now().getTime() - ORPHAN_AFTER_MS))) {
    if (!(await opts.events.claimOrphan('zalo', orphan.eventId, opts.now()))) continue;
    if (await processRecorded(opts, orphan.eventId, JSON.parse(orphan.body) as ZaloEvent)) recovered++;
  }
  return recovered;
}

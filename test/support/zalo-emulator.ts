import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { zaloSignature } from '../../src/channels/zalo/signature.js';
import { Signal } from './signal.js';

/**
 * A local Zalo OA Open API emulator (subset): /v3.0/oa/message/cs and /transaction, /v3.0/oa/user/detail,
 * /v4/oa/access_token with single-use refresh-token rotation, error codes -216/-220/-230, the interaction window.
 */
export interface SignedEvent { body: string; headers: Record<string, string> }
export interface SentMessage { userId: string; text?: string; buttons: { title: string; payload: string }[]; kind: 'cs' | 'transaction' }

export class ZaloEmulator {
  readonly sent: SentMessage[] = [];
  /** Fires each time a message is added to `sent`. */
  readonly messages = new Signal();
  readonly lastInteraction = new Map<string, number>();
  /** Display names the profile endpoint answers with. */
  readonly names = new Map<string, string>();
  private readonly accessTokens = new Map<string, number>(); // token → expires at (ms)
  private refreshTokens = new Set<string>();
  private seq = 0;
  refreshCalls = 0;
  /** When set, a refresh answers with this access token (Zalo handing back one it had refused). */
  nextAccessToken?: string;
  /** How many of the next message sends fail with HTTP 502, as Zalo's servers sometimes do. */
  failNext = 0;
  windowMs = 7 * 24 * 3600_000;
  now: () => number = () => Date.now();
  private server?: http.Server;
  url = '';

  constructor(readonly appId: string, readonly appSecret: string, readonly oaSecretKey: string) {}

  issueRefreshToken(): string { const t = `rt-${++this.seq}-${randomBytes(12).toString('hex')}`; this.refreshTokens.add(t); return t; }
  expireAccessTokens(): void { for (const k of this.accessTokens.keys()) this.accessTokens.set(k, 0); }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const reply = (body: unknown, status = 200) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
        const url = new URL(req.url ?? '/', 'http://x');
        if (req.method === 'POST' && url.pathname === '/v4/oa/access_token') {
          this.refreshCalls++;
          const form = new URLSearchParams(raw);
          if (req.headers['secret_key'] !== this.appSecret || form.get('app_id') !== this.appId) return reply({ error: -14002, error_name: 'invalid app' });
          const rt = form.get('refresh_token') ?? '';
          if (!this.refreshTokens.delete(rt)) return reply({ error: -14014, error_name: 'Invalid refresh token' });
          const at = this.nextAccessToken ?? `at-${++this.seq}`;
          this.accessTokens.set(at, this.now() + 25 * 3600_000);
          return reply({ access_token: at, refresh_token: this.issueRefreshToken(), expires_in: '90000' });
        }
        const token = String(req.headers['access_token'] ?? '');
        const exp = this.accessTokens.get(token);
        if (exp === undefined) return reply({ error: -216, message: 'Access token is invalid' });
        if (exp <= this.now()) return reply({ error: -220, message: 'Access token has expired' });
        if (req.method === 'GET' && url.pathname === '/v3.0/oa/user/detail') {
          const { user_id } = JSON.parse(url.searchParams.get('data') ?? '{}') as { user_id: string };
          return reply({ error: 0, message: 'Success', data: { user_id, display_name: this.names.get(user_id) ?? `User ${user_id}`, user_is_follower: true } });
        }
        const m = /^\/v3\.0\/oa\/message\/(cs|transaction)$/.exec(url.pathname);
        if (req.method === 'POST' && m && this.failNext > 0) {
          this.failNext--;
          return reply({ error: -1, message: 'Bad gateway' }, 502);
        }
        if (req.method === 'POST' && m) {
          type Payload = { template_type?: string; language?: string; elements?: { type: string; content: string }[]; buttons?: { title: string; payload: string }[] };
          const body = JSON.parse(raw) as { recipient: { user_id: string }; message: { text?: string; attachment?: { payload?: Payload } } };
          const uid = body.recipient.user_id;
          const last = this.lastInteraction.get(uid);
          if (last === undefined || this.now() - last > this.windowMs) return reply({ error: -230, message: 'User has not interacted with the OA in the last 7 days' });
          if ((body.message.text ?? '').length > 2000) return reply({ error: -201, message: 'text too long' });
          if ((body.message.attachment?.payload?.buttons ?? []).length > 5) return reply({ error: -201, message: 'too many buttons' });
          const payload = body.message.attachment?.payload;
          let text = body.message.text;
          if (m[1] === 'transaction') {
            // A transaction message is a template: its type, language and a header are required.
            if (!payload?.template_type?.startsWith('transaction_') || !['VI', 'EN'].includes(payload.language ?? '') || payload.elements?.[0]?.type !== 'header') return reply({ error: -201, message: 'invalid transaction template' });
            if (payload.elements.some((e) => e.content.length > 1000)) return reply({ error: -201, message: 'element too long' });
            text = payload.elements.map((e) => e.content).join('\n');
          }
          this.sent.push({ userId: uid, text, buttons: payload?.buttons ?? [], kind: m[1] as 'cs' | 'transaction' });
          this.messages.notify();
          return reply({ error: 0, message: 'Success', data: { message_id: `m${++this.seq}`, user_id: uid } });
        }
        reply({ error: -1, message: 'unknown endpoint' }, 404);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> { await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r())); }

  /** A signed user_send_text event, as Zalo would POST it to the service's webhook. */
  userText(userId: string, text: string, msgId = `msg-${++this.seq}`): SignedEvent {
    return this.signed({ event_name: 'user_send_text', sender: { id: userId }, recipient: { id: 'oa' }, message: { text, msg_id: msgId } });
  }

  /** A signed follow or unfollow event (the user is named in `follower`). */
  followEvent(userId: string, kind: 'follow' | 'unfollow' = 'follow'): SignedEvent {
    return this.signed({ event_name: kind, oa_id: 'oa', follower: { id: userId }, source: 'oa_profile' });
  }

  /** Any event, with app_id and timestamp added and signed as Zalo signs it. */
  signed(event: Record<string, unknown>): SignedEvent {
    const timestamp = String(this.now());
    // What the user does opens the OA's window to them (a message of any kind, a follow).
    const user = (event.sender as { id?: string } | undefined)?.id ?? (event.follower as { id?: string } | undefined)?.id;
    if (user && (String(event.event_name).startsWith('user_send_') || event.event_name === 'follow')) this.lastInteraction.set(user, this.now());
    const body = JSON.stringify({ app_id: this.appId, ...event, timestamp });
    return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${zaloSignature(this.appId, body, timestamp, this.oaSecretKey)}` } };
  }

  /** Delivers a signed event to a webhook, as Zalo does; returns the HTTP status. */
  async deliver(webhookUrl: string, event: SignedEvent): Promise<number> {
    const res = await fetch(webhookUrl, { method: 'POST', headers: event.headers, body: event.body });
    await res.arrayBuffer();
    return res.status;
  }
}

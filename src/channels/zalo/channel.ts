import type { OutgoingMessage } from '../../messaging/message.js';
import { ChannelError, type ChannelSender } from '../../messaging/sender.js';
import { splitText } from '../split-text.js';
import type { FileLinks } from '../../http/file-links.js';
import type { ZaloClient } from './client.js';
import { ZaloApiError } from './errors.js';
import type { ZaloTokenManager } from './tokens.js';
import type { RateLimiter } from '../../services/rate-limiter.js';

export const ZALO_TEXT_LIMIT = 2000;
// Zalo shows at most five buttons under one message (the OA API documentation); longer lists go in groups.
export const ZALO_MAX_BUTTONS = 5;
// Transaction cards are short: longer reminders go as customer-service text.
const CARD_HEADER_LIMIT = 100;
const CARD_TEXT_LIMIT = 1000;
const CARD_MAX_BUTTONS = 4;

/** Which of the service's own messages go as Zalo transaction messages (ZALO_REMINDERS_AS=transaction). */
const CARD_KINDS = new Set(['reminder', 'escalation']);

/**
 * Sends the conversation core's messages to a Zalo user: text split under 2,000 characters, buttons as
 * oa.query.show (the payload comes back as the user's message), attachments as a download link when the
 * service has a public address, else their one-line summary (Zalo's customer-service message takes no document).
 * A refused token is refreshed once and the send retried.
 */
export class ZaloSender implements ChannelSender {
  readonly channel = 'zalo' as const;
  constructor(
    private readonly client: ZaloClient,
    private readonly tokens: ZaloTokenManager,
    readonly windowMs?: number,
    private readonly files?: FileLinks,
    private readonly remindersAs: 'cs' | 'transaction' = 'cs',
    /** Taken before every call that sends; paused when Zalo says the OA sends too fast. */
    private readonly limiter?: RateLimiter,
  ) {}

  async send(userId: string, message: OutgoingMessage, notice?: Parameters<ChannelSender['send']>[2]): Promise<void> {
    let sent = false;
    try {
      await this.sendAll(userId, message, notice, () => (sent = true));
    } catch (e) {
      throw ChannelError.from(asChannelError(e), { partial: sent });
    }
  }

  private async sendAll(userId: string, message: OutgoingMessage, notice: Parameters<ChannelSender['send']>[2], onSent: () => void): Promise<void> {
    if (this.remindersAs === 'transaction' && notice && CARD_KINDS.has(notice.kind) && (await this.sendCard(userId, message, notice.language))) return;
    const extra: string[] = [];
    for (const a of message.attachments ?? []) extra.push(this.files ? `📎 ${a.filename}: ${await this.files.publish(a)}` : a.summary ?? a.filename);
    const text = [message.text, ...extra].filter(Boolean).join('\n\n');
    const parts = splitText(text, ZALO_TEXT_LIMIT);
    const buttons = (message.buttons ?? []).flat().map((b) => ({ title: b.text, payload: b.data }));
    const groups: (typeof buttons)[] = [];
    for (let i = 0; i < buttons.length; i += ZALO_MAX_BUTTONS) groups.push(buttons.slice(i, i + ZALO_MAX_BUTTONS));
    for (const [i, part] of parts.entries()) {
      const first = groups[0];
      if (i === parts.length - 1 && first) await this.withToken((token) => this.client.sendButtons(token, userId, part, first), userId);
      else await this.withToken((token) => this.client.sendText(token, userId, part), userId);
      onSent();
    }
    // Further groups of buttons follow under a short marker of their place in the list.
    for (const [g, group] of groups.entries()) {
      if (g === 0) continue;
      const label = `(${g * ZALO_MAX_BUTTONS + 1}–${g * ZALO_MAX_BUTTONS + group.length})`;
      await this.withToken((token) => this.client.sendButtons(token, userId, label, group), userId);
      onSent();
    }
  }

  /** A reminder as a transaction card, when it fits one; false when it does not (it then goes as text). */
  private async sendCard(userId: string, message: OutgoingMessage, language: 'vi' | 'en'): Promise<boolean> {
    const [header = '', ...rest] = message.text.split('\n');
    const text = rest.join('\n').trim();
    const buttons = (message.buttons ?? []).flat().map((b) => ({ title: b.text, payload: b.data }));
    if (header.length > CARD_HEADER_LIMIT || text.length > CARD_TEXT_LIMIT || buttons.length > CARD_MAX_BUTTONS || message.attachments?.length) return false;
    await this.withToken((token) => this.client.sendTransaction(token, userId, { header, text, language: language === 'en' ? 'EN' : 'VI', buttons }), userId);
    return true;
  }

  private async withToken<T>(send: (token: string) => Promise<T>, userId: string): Promise<T> {
    const call = async (token: string) => {
      await this.limiter?.acquire(userId);
      try {
        return await send(token);
      } catch (e) {
        if (e instanceof ZaloApiError && e.kind === 'rate_limited') await this.limiter?.pause(60_000);
        throw e;
      }
    };
    const token = await this.token();
    try {
      return await call(token);
    } catch (e) {
      if (!(e instanceof ZaloApiError && (e.kind === 'invalid_token' || e.kind === 'token_expired'))) throw asChannelError(e);
    }
    // Zalo refused the token it was given: refresh once (single-flight in the manager) and try again.
    const fresh = await this.token(token);
    try {
      return await call(fresh);
    } catch (e) {
      throw asChannelError(e);
    }
  }

  /** Without a token nothing can go out; the outbox retries later, once an operator has set a new refresh token if need be. */
  private async token(refused?: string): Promise<string> {
    try {
      return await this.tokens.accessToken(refused);
    } catch (e) {
      throw new ChannelError('temporary', `no Zalo access token: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}

const asChannelError = (e: unknown): ChannelError => (e instanceof ZaloApiError ? e.toChannelError() : ChannelError.from(e));

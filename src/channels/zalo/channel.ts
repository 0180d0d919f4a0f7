import type { OutgoingMessage } from '../../conversation/message.js';
import { ChannelError, type ChannelSender } from '../channel.js';
import { splitText } from '../split-text.js';
import type { ZaloClient } from './client.js';
import { ZaloApiError } from './errors.js';
import type { ZaloTokenManager } from './tokens.js';

export const ZALO_TEXT_LIMIT = 2000;

/**
 * Sends the conversation core's messages to a Zalo user: text split under 2,000 characters, buttons as
 * oa.query.show (the payload comes back as the user's message), attachments as their short summary
 * (Zalo cannot take the document Telegram sends). A refused token is refreshed once and the send retried.
 * NOT YET WIRED into src/main.ts / app.addSender.
 */
export class ZaloSender implements ChannelSender {
  readonly channel = 'zalo' as const;
  constructor(private readonly client: ZaloClient, private readonly tokens: ZaloTokenManager) {}

  async send(userId: string, message: OutgoingMessage): Promise<void> {
    const extra = (message.attachments ?? []).map((a) => a.summary ?? a.filename).filter(Boolean);
    const text = [message.text, ...extra].filter(Boolean).join('\n\n');
    const parts = splitText(text, ZALO_TEXT_LIMIT);
    const buttons = (message.buttons ?? []).flat().map((b) => ({ title: b.text, payload: b.data }));
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      await this.withToken((token) =>
        last && buttons.length ? this.client.sendButtons(token, userId, parts[i]!, buttons) : this.client.sendText(token, userId, parts[i]!));
    }
  }

  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.accessToken();
    try {
      return await call(token);
    } catch (e) {
      if (!(e instanceof ZaloApiError && (e.kind === 'invalid_token' || e.kind === 'token_expired'))) throw asChannelError(e);
    }
    // Zalo refused the token it was given: refresh once (single-flight in the manager) and try again.
    try {
      return await call(await this.tokens.accessToken(token));
    } catch (e) {
      throw asChannelError(e);
    }
  }
}

function asChannelError(e: unknown): ChannelError {
  if (e instanceof ZaloApiError) return e.toChannelError();
  return new ChannelError('temporary', e instanceof Error ? e.message : String(e));
}

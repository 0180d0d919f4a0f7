import axios, { type AxiosInstance } from 'axios';
import { ZaloApiError } from './errors.js';

export interface ZaloButton { title: string; payload: string }
export interface ZaloSendResult { messageId: string; userId: string }
export interface ZaloProfile { userId: string; displayName: string; isFollower: boolean }
export interface ZaloTokens { accessToken: string; refreshToken: string; expiresInSeconds: number }

export interface ZaloClientOptions {
  apiRoot?: string; // ZALO_API_ROOT, default https://openapi.zalo.me
  oauthRoot?: string; // ZALO_OAUTH_ROOT, default https://oauth.zaloapp.com
  appId: string;
  appSecret: string;
  timeoutMs?: number;
}

interface ZaloEnvelope<T> { error: number; message?: string; data?: T }

/** The Zalo OA Open API over axios: customer-service messages, buttons, profile, token refresh. */
export class ZaloClient {
  private readonly api: AxiosInstance;
  private readonly oauth: AxiosInstance;

  constructor(private readonly opts: ZaloClientOptions) {
    const timeout = opts.timeoutMs ?? 10_000;
    this.api = axios.create({ baseURL: opts.apiRoot ?? 'https://openapi.zalo.me', timeout, validateStatus: () => true });
    this.oauth = axios.create({ baseURL: opts.oauthRoot ?? 'https://oauth.zaloapp.com', timeout, validateStatus: () => true });
  }

  sendText(accessToken: string, userId: string, text: string): Promise<ZaloSendResult> {
    return this.postMessage(accessToken, 'cs', { recipient: { user_id: userId }, message: { text } });
  }

  /** Buttons of type oa.query.show: pressing one sends its payload back as the user's message. */
  sendButtons(accessToken: string, userId: string, text: string, buttons: ZaloButton[]): Promise<ZaloSendResult> {
    return this.postMessage(accessToken, 'cs', {
      recipient: { user_id: userId },
      message: {
        text,
        attachment: { type: 'template', payload: { buttons: buttons.map((b) => ({ title: b.title, type: 'oa.query.show', payload: b.payload })) } },
      },
    });
  }

  /**
   * A transaction message (template `transaction_event`): a header, a text and buttons, shown as a card. Zalo
   * accepts it only from OAs approved for transaction messages.
   */
  sendTransaction(accessToken: string, userId: string, card: { header: string; text: string; language: 'VI' | 'EN'; buttons: ZaloButton[] }): Promise<ZaloSendResult> {
    return this.postMessage(accessToken, 'transaction', {
      recipient: { user_id: userId },
      message: {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'transaction_event',
            language: card.language,
            elements: [
              { type: 'header', content: card.header, align: 'left' },
              { type: 'text', content: card.text, align: 'left' },
            ],
            buttons: card.buttons.map((b) => ({ title: b.title, type: 'oa.query.show', payload: b.payload })),
          },
        },
      },
    });
  }

  async getProfile(accessToken: string, userId: string): Promise<ZaloProfile> {
    const res = await this.api.get<ZaloEnvelope<{ user_id: string; display_name: string; user_is_follower?: boolean }>>('/v3.0/oa/user/detail', {
      headers: { access_token: accessToken },
      params: { data: JSON.stringify({ user_id: userId }) },
    });
    const data = unwrap(res.status, res.data);
    return { userId: data.user_id, displayName: data.display_name, isFollower: data.user_is_follower ?? true };
  }

  /** Spends the single-use refresh token: the caller must store the new one before using it again. */
  async refresh(refreshToken: string): Promise<ZaloTokens> {
    const form = new URLSearchParams({ refresh_token: refreshToken, app_id: this.opts.appId, grant_type: 'refresh_token' });
    const res = await this.oauth.post<{ access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number; error_name?: string; message?: string }>(
      '/v4/oa/access_token', form.toString(),
      { headers: { secret_key: this.opts.appSecret, 'content-type': 'application/x-www-form-urlencoded' } },
    );
    const d = res.data;
    if (res.status >= 400 || !d.access_token || !d.refresh_token) {
      throw new ZaloApiError(typeof d.error === 'number' ? d.error : -res.status, d.error_name ?? d.message ?? `HTTP ${res.status}`);
    }
    return { accessToken: d.access_token, refreshToken: d.refresh_token, expiresInSeconds: Number(d.expires_in ?? 90_000) };
  }

  private async postMessage(accessToken: string, kind: 'cs' | 'transaction', body: unknown): Promise<ZaloSendResult> {
    const res = await this.api.post<ZaloEnvelope<{ message_id: string; user_id: string }>>(`/v3.0/oa/message/${kind}`, body, {
      headers: { access_token: accessToken, 'content-type': 'application/json' },
    });
    const data = unwrap(res.status, res.data);
    return { messageId: data.message_id, userId: data.user_id };
  }
}

function unwrap<T>(status: number, body: ZaloEnvelope<T> | undefined): T {
  // A server error is not an OA answer: the sender treats any other error as temporary.
  if (status >= 500) throw new Error(`Zalo HTTP ${status}`);
  if (!body || typeof body.error !== 'number') throw new ZaloApiError(-status, 'unexpected answer');
  if (body.error !== 0 || body.data === undefined) throw new ZaloApiError(body.error, body.message ?? 'error');
  return body.data;
}

import { ChannelError, type DeliveryFailure } from '../../messaging/sender.js';

/** The OA error codes the service acts on (Zalo Official Account API documentation, "Mã lỗi"). */
export type ZaloErrorKind =
  | 'invalid_token' // -216
  | 'token_expired' // -220
  | 'outside_window' // -230 no interaction in the last 7 days, -232 interaction expired
  | 'not_follower' // -213
  | 'quota' // -211, -218
  | 'rate_limited' // -32
  | 'other';

export function zaloErrorKind(code: number): ZaloErrorKind {
  switch (code) {
    case -216: return 'invalid_token';
    case -220: return 'token_expired';
    case -230:
    case -232: return 'outside_window';
    case -213: return 'not_follower';
    case -211:
    case -218: return 'quota';
    case -32: return 'rate_limited';
    default: return 'other';
  }
}

/** A negative `error` in a Zalo OA answer, typed. */
export class ZaloApiError extends Error {
  readonly kind: ZaloErrorKind;
  constructor(readonly code: number, message: string) {
    super(`Zalo OA error ${code}: ${message}`);
    this.name = 'ZaloApiError';
    this.kind = zaloErrorKind(code);
  }

  /** How the outbox should treat this failure. */
  toChannelError(): ChannelError {
    const map: Record<ZaloErrorKind, DeliveryFailure> = {
      invalid_token: 'temporary', // refreshed, then retried
      token_expired: 'temporary',
      outside_window: 'undeliverable', // never retried blindly: sent elsewhere, and the digest names the person
      not_follower: 'blocked',
      quota: 'rate_limited',
      rate_limited: 'rate_limited',
      other: 'permanent',
    };
    return new ChannelError(map[this.kind], this.message, { retryAfterSeconds: this.kind === 'rate_limited' ? 60 : this.kind === 'quota' ? 3600 : undefined, cause: this });
  }
}

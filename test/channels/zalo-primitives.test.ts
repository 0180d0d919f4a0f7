import { describe, expect, it } from 'vitest';
import { verifyZaloSignature, zaloSignature } from '../../src/channels/zalo/signature.js';
import { ZaloApiError } from '../../src/channels/zalo/errors.js';

const appId = '1234567890';
const secret = 'oa-secret-key';
const body = JSON.stringify({ event_name: 'user_send_text', app_id: appId, sender: { id: 'u1' }, recipient: { id: 'oa' }, message: { text: 'xin chào', msg_id: 'm1' }, timestamp: '1763880000000' });

describe('Zalo webhook signature', () => {
  it('accepts the documented mac over the raw body', () => {
    const mac = zaloSignature(appId, body, '1763880000000', secret);
    expect(verifyZaloSignature(`mac=${mac}`, body, appId, secret)).toBe(true);
  });
  it('rejects a missing, malformed, forged or re-serialised signature', () => {
    const mac = zaloSignature(appId, body, '1763880000000', secret);
    expect(verifyZaloSignature(undefined, body, appId, secret)).toBe(false);
    expect(verifyZaloSignature('mac=zz', body, appId, secret)).toBe(false);
    expect(verifyZaloSignature(`mac=${zaloSignature(appId, body, '1763880000000', 'wrong')}`, body, appId, secret)).toBe(false);
    expect(verifyZaloSignature(`mac=${mac}`, body.replace('xin chào', 'xin chao'), appId, secret)).toBe(false);
    expect(verifyZaloSignature(`mac=${mac}`, JSON.stringify(JSON.parse(body), null, 1), appId, secret)).toBe(false);
    expect(verifyZaloSignature(`mac=${mac}`, body, appId, '')).toBe(false);
  });
});

describe('Zalo OA error codes', () => {
  it.each([
    [-216, 'invalid_token', 'temporary'],
    [-220, 'token_expired', 'temporary'],
    [-230, 'outside_window', 'undeliverable'],
    [-232, 'outside_window', 'undeliverable'],
    [-213, 'not_follower', 'blocked'],
    [-211, 'quota', 'rate_limited'],
    [-218, 'quota', 'rate_limited'],
    [-32, 'rate_limited', 'rate_limited'],
    [-999, 'other', 'permanent'],
  ] as const)('%i is %s → outbox %s', (code, kind, failure) => {
    const e = new ZaloApiError(code, 'x');
    expect(e.kind).toBe(kind);
    expect(e.toChannelError().kind).toBe(failure);
  });
});

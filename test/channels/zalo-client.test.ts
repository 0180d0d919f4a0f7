import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZaloClient } from '../../src/channels/zalo/client.js';
import { ZaloApiError } from '../../src/channels/zalo/errors.js';
import { verifyZaloSignature } from '../../src/channels/zalo/signature.js';
import { ZaloEmulator } from '../support/zalo-emulator.js';

describe('ZaloClient against the emulator over HTTP', () => {
  const emu = new ZaloEmulator('app-1', 'app-secret', 'oa-secret');
  let client: ZaloClient;
  beforeAll(async () => {
    const url = await emu.start();
    client = new ZaloClient({ apiRoot: url, oauthRoot: url, appId: 'app-1', appSecret: 'app-secret' });
  });
  afterAll(() => emu.stop());

  it('refreshes with single-use rotation, sends text and buttons, reads a profile', async () => {
    const first = emu.issueRefreshToken();
    const t = await client.refresh(first);
    expect(t.expiresInSeconds).toBe(90000);
    await expect(client.refresh(first)).rejects.toBeInstanceOf(ZaloApiError); // the old one is dead
    emu.userText('u1', 'xin chào');
    await client.sendText(t.accessToken, 'u1', 'Chào anh');
    await client.sendButtons(t.accessToken, 'u1', 'Nhắc hạn', [{ title: 'Đã xong', payload: 'r:d:abc' }]);
    expect(emu.sent.map((m) => [m.text, m.buttons.map((b) => b.payload)])).toEqual([['Chào anh', []], ['Nhắc hạn', ['r:d:abc']]]);
    expect((await client.getProfile(t.accessToken, 'u1')).displayName).toBe('User u1');
  });

  it('types the errors: invalid token, expired token, outside the window', async () => {
    await expect(client.sendText('nope', 'u1', 'x')).rejects.toMatchObject({ kind: 'invalid_token', code: -216 });
    const t = await client.refresh(emu.issueRefreshToken());
    await expect(client.sendText(t.accessToken, 'stranger', 'x')).rejects.toMatchObject({ kind: 'outside_window', code: -230 });
    emu.expireAccessTokens();
    await expect(client.sendText(t.accessToken, 'u1', 'x')).rejects.toMatchObject({ kind: 'token_expired', code: -220 });
  });

  it('signs webhook events the way the service verifies them', () => {
    const ev = emu.userText('u2', 'HOTRO');
    expect(verifyZaloSignature(ev.headers['x-zevent-signature'], ev.body, 'app-1', 'oa-secret')).toBe(true);
    expect(verifyZaloSignature(ev.headers['x-zevent-signature'], ev.body, 'app-1', 'other')).toBe(false);
  });
});

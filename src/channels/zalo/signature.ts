import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Zalo's webhook signature: `X-ZEvent-Signature: mac=<hex sha256(app_id + raw body + timestamp + OA secret key)>`,
 * plain SHA-256 (not HMAC), over the raw body exactly as received.
 */
export function zaloSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(appId + rawBody + timestamp + oaSecretKey, 'utf8').digest('hex');
}

/** True only when the header carries the right mac for this raw body; the body's own app_id and timestamp are used. */
export function verifyZaloSignature(header: string | undefined, rawBody: string, appId: string, oaSecretKey: string): boolean {
  if (!header || !oaSecretKey) return false;
  const match = /^mac=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  let timestamp: string;
  try {
    const body = JSON.parse(rawBody) as { timestamp?: unknown; app_id?: unknown };
    if (body.app_id !== undefined && String(body.app_id) !== appId) return false;
    timestamp = body.timestamp === undefined ? '' : String(body.timestamp);
  } catch {
    return false;
  }
  const expected = Buffer.from(zaloSignature(appId, rawBody, timestamp, oaSecretKey), 'hex');
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

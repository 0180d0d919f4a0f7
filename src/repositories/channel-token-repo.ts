import type { Db } from '../db/connect.js';
import type { Channel } from '../messaging/channel.js';
import { createTokenCipher, isSealed } from './token-cipher.js';

export interface StoredToken {
  accessToken: string | null;
  accessExpiresAt: Date | null;
  refreshToken: string;
  version: number;
  refreshingUntil: Date | null;
}

/**
 * The OA's tokens, one row per channel, encrypted with SECRET_KEY (token-cipher.ts). The single-use refresh token is
 * written in the same step that receives it. A row stored in plain before encryption came in is read as it is and
 * sealed on that read.
 */
export function createChannelTokenRepo(db: Db, secretKey?: string) {
  const cipher = createTokenCipher(secretKey);
  const seal = (t: string | null) => (t === null ? null : cipher.seal(t));
  return {
    async get(channel: Channel): Promise<StoredToken | null> {
      const row = await db.channelToken.findUnique({ where: { channel } });
      if (!row) return null;
      const plain = [row.accessToken, row.refreshToken].filter((t): t is string => t !== null && !isSealed(t));
      // Sealed only if nothing changed since the read (the version): a refresh in between keeps its tokens.
      if (plain.length && secretKey) await db.channelToken.updateMany({ where: { channel, version: row.version, accessToken: row.accessToken, refreshToken: row.refreshToken }, data: { accessToken: seal(row.accessToken), refreshToken: cipher.seal(row.refreshToken) } });
      return { ...row, accessToken: row.accessToken === null ? null : cipher.open(row.accessToken), refreshToken: cipher.open(row.refreshToken) };
    },

    /** Sets the first refresh token (CLI); forgets any access token and lease. */
    async setRefreshToken(channel: Channel, plainToken: string): Promise<void> {
      const refreshToken = cipher.seal(plainToken);
      await db.channelToken.upsert({
        where: { channel },
        create: { channel, refreshToken },
        update: { refreshToken, accessToken: null, accessExpiresAt: null, refreshingUntil: null, version: { increment: 1 } },
      });
    },

    /** Takes the refresh lease if nobody holds it and the row is still at `version`; true when taken. */
    async claimRefresh(channel: Channel, version: number, now: Date, leaseMs: number): Promise<boolean> {
      const r = await db.channelToken.updateMany({
        where: { channel, version, OR: [{ refreshingUntil: null }, { refreshingUntil: { lt: now } }] },
        data: { refreshingUntil: new Date(now.getTime() + leaseMs) },
      });
      return r.count === 1;
    },

    /** Stores the tokens a refresh returned and releases the lease, in one update. */
    async storeRefreshed(channel: Channel, t: { accessToken: string; accessExpiresAt: Date; refreshToken: string }): Promise<void> {
      await db.channelToken.update({
        where: { channel },
        data: { ...t, accessToken: cipher.seal(t.accessToken), refreshToken: cipher.seal(t.refreshToken), refreshingUntil: null, version: { increment: 1 } },
      });
    },

    async releaseLease(channel: Channel): Promise<void> {
      await db.channelToken.updateMany({ where: { channel }, data: { refreshingUntil: null } });
    },
  };
}
export type ChannelTokenRepo = ReturnType<typeof createChannelTokenRepo>;

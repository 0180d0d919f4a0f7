import type { Db } from '../db/connect.js';
import type { Channel } from '../messaging/channel.js';

export interface StoredToken {
  accessToken: string | null;
  accessExpiresAt: Date | null;
  refreshToken: string;
  version: number;
  refreshingUntil: Date | null;
}

/** The OA's tokens, one row per channel. The single-use refresh token is written in the same step that receives it. */
export function createChannelTokenRepo(db: Db) {
  return {
    async get(channel: Channel): Promise<StoredToken | null> {
      return db.channelToken.findUnique({ where: { channel } });
    },

    /** Sets the first refresh token (CLI); forgets any access token and lease. */
    async setRefreshToken(channel: Channel, refreshToken: string): Promise<void> {
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
        data: { ...t, refreshingUntil: null, version: { increment: 1 } },
      });
    },

    async releaseLease(channel: Channel): Promise<void> {
      await db.channelToken.updateMany({ where: { channel }, data: { refreshingUntil: null } });
    },
  };
}
export type ChannelTokenRepo = ReturnType<typeof createChannelTokenRepo>;

import { setTimeout } from 'node:timers/promises';
import type { ChannelTokenRepo } from '../../repositories/channel-token-repo.js';
import type { ZaloClient } from './client.js';

const WAIT_MS = 50;

export interface TokenManagerOptions {
  /** Refresh this long before the access token expires. */
  marginMs?: number;
  /** How long one instance may hold the refresh lease. */
  leaseMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Access tokens for the OA, refreshed before they expire. Single-flight within a process (one promise) and
 * across instances (a lease on the ChannelToken row, taken by a conditional update); the new single-use refresh
 * token is stored by the same update that records the new access token.
 */
export class ZaloTokenManager {
  private inFlight?: Promise<string>;
  private readonly marginMs: number;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly repo: ChannelTokenRepo, private readonly client: ZaloClient, opts: TokenManagerOptions = {}) {
    this.marginMs = opts.marginMs ?? 30 * 60_000;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.now = opts.now ?? (() => new Date());
    this.sleep = opts.sleep ?? setTimeout;
  }

  /** A valid access token; pass `refused` (the token the API called invalid or expired) to get a different one. */
  async accessToken(refused?: string): Promise<string> {
    let token = await this.shared(refused);
    // A lookup already in flight when Zalo refused the token (another send's) can return that very token: ask again.
    while (refused !== undefined && token === refused) token = await this.shared(refused);
    return token;
  }

  private shared(refused: string | undefined): Promise<string> {
    if (!this.inFlight) {
      this.inFlight = this.obtain(refused).finally(() => { this.inFlight = undefined; });
    }
    return this.inFlight;
  }

  private async obtain(refused: string | undefined): Promise<string> {
    // Long enough to outwait a lease left by an instance that died while refreshing.
    const attempts = Math.ceil((2 * this.leaseMs + 5_000) / WAIT_MS);
    for (let attempt = 0; attempt < attempts; attempt++) {
      const row = await this.repo.get('zalo');
      if (!row) throw new Error('No Zalo refresh token: run `npm run cli -- zalo set-refresh-token`');
      const now = this.now();
      const fresh = !!row.accessToken && !!row.accessExpiresAt && row.accessExpiresAt.getTime() - this.marginMs > now.getTime();
      if (fresh && row.accessToken !== refused) return row.accessToken!;
      if (await this.repo.claimRefresh('zalo', row.version, now, this.leaseMs)) {
        let t;
        try {
          t = await this.client.refresh(row.refreshToken);
        } catch (e) {
          await this.repo.releaseLease('zalo');
          throw e;
        }
        await this.repo.storeRefreshed('zalo', {
          accessToken: t.accessToken,
          refreshToken: t.refreshToken,
          accessExpiresAt: new Date(now.getTime() + t.expiresInSeconds * 1000),
        });
        return t.accessToken;
      }
      await this.sleep(WAIT_MS); // another instance is refreshing: wait for its result
    }
    throw new Error('Zalo token refresh did not complete');
  }
}

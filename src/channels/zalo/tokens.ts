import { setTimeout } from 'node:timers/promises';
import type { Logger } from '../../logger.js';
import type { ChannelTokenRepo } from '../../repositories/channel-token-repo.js';
import { backoffMs } from '../../services/outbox-worker.js';
import type { ZaloClient } from './client.js';

const WAIT_MS = 50;

/** A refresh Zalo refused is not asked again before its backoff is over: every send would otherwise ask at once. */
export class RefreshBackoffError extends Error {
  constructor(readonly retryAt: Date) {
    super(`Zalo token refresh failed; not asked again before ${retryAt.toISOString()}`);
    this.name = 'RefreshBackoffError';
  }
}

export interface TokenManagerOptions {
  /** Refresh this long before the access token expires. */
  marginMs?: number;
  /** How long one instance may hold the refresh lease. */
  leaseMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** After a failed refresh: wait this long, doubling with each failure up to `refreshRetryMaxMs`, less up to half at random. */
  refreshRetryMs?: number;
  refreshRetryMaxMs?: number;
  random?: () => number;
  logger?: Logger;
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
  private readonly retry: { baseMs: number; maxMs: number; random: () => number };
  /** Refreshes that failed in a row, the refresh token they failed with, and when the next may be asked. */
  private failed?: { count: number; refreshToken: string; retryAt: number };

  constructor(private readonly repo: ChannelTokenRepo, private readonly client: ZaloClient, private readonly opts: TokenManagerOptions = {}) {
    this.marginMs = opts.marginMs ?? 30 * 60_000;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.now = opts.now ?? (() => new Date());
    this.sleep = opts.sleep ?? setTimeout;
    this.retry = { baseMs: opts.refreshRetryMs ?? 10_000, maxMs: opts.refreshRetryMaxMs ?? 15 * 60_000, random: opts.random ?? Math.random };
  }

  /** A valid access token; pass `refused` (the token the API called invalid or expired) to get a different one. */
  async accessToken(refused?: string): Promise<string> {
    let token = await this.shared(refused);
    // A lookup already in flight when Zalo refused the token (another send's) can return that very token: ask once
    // more. A refresh that itself answers with the refused token is not asked again and again.
    if (refused !== undefined && token === refused) token = await this.shared(refused);
    if (refused !== undefined && token === refused) throw new Error('Zalo answered a refresh with the access token it had refused');
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
      // A new refresh token (an operator's `zalo set-refresh-token`) is tried at once; the one that failed waits.
      const failed = this.failed?.refreshToken === row.refreshToken ? this.failed : undefined;
      if (failed && now.getTime() < failed.retryAt) throw new RefreshBackoffError(new Date(failed.retryAt));
      if (await this.repo.claimRefresh('zalo', row.version, now, this.leaseMs)) {
        let t;
        try {
          t = await this.client.refresh(row.refreshToken);
        } catch (e) {
          await this.repo.releaseLease('zalo');
          this.refreshFailed(row.refreshToken, (failed?.count ?? 0) + 1, now, e);
          throw e;
        }
        this.failed = undefined;
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

  private refreshFailed(refreshToken: string, count: number, now: Date, error: unknown): void {
    const waitMs = backoffMs(count - 1, this.retry.baseMs, this.retry.random(), this.retry.maxMs);
    this.failed = { count, refreshToken, retryAt: now.getTime() + waitMs };
    // The error's own words (Zalo's error name, an HTTP status), never the request: its form carries the token.
    this.opts.logger?.warn('zalo token refresh failed: messages wait; if it keeps failing, set a new refresh token with `npm run cli -- zalo set-refresh-token`', {
      failuresInARow: count,
      nextTryInSeconds: Math.round(waitMs / 1000),
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

import { createHash, randomBytes } from 'node:crypto';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { InvitesRepo } from '../repositories/invites-repo.js';

export type InviteTarget = { kind: 'focal'; agencyId: number } | { kind: 'supervisor'; province: string };
export type AcceptResult = { ok: true; target: InviteTarget } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

// Only the hash is stored: a leaked database does not hand out roles.
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createInviteService(deps: { invites: InvitesRepo; agencies: AgenciesRepo; ttlHours: number }) {
  return {
    /** A fresh single-use token (43 URL-safe characters: fits Telegram's 64-character deep-link payload). */
    async create(input: { target: InviteTarget; now: Date; createdBy?: number }): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(input.now.getTime() + deps.ttlHours * 3_600_000);
      const t = input.target;
      await deps.invites.create({ tokenHash: hashToken(token), kind: t.kind, agencyId: t.kind === 'focal' ? t.agencyId : undefined, province: t.kind === 'supervisor' ? t.province : undefined, expiresAt, createdBy: input.createdBy });
      return { token, expiresAt };
    },
    async accept(input: { token: string; personId: number; now: Date }): Promise<AcceptResult> {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(input.token)) return { ok: false, reason: 'invalid' };
      const invite = await deps.invites.byHash(hashToken(input.token));
      if (!invite) return { ok: false, reason: 'invalid' };
      if (invite.usedAt) return { ok: false, reason: 'used' };
      if (invite.expiresAt <= input.now) return { ok: false, reason: 'expired' };
      if (!(await deps.invites.redeem({ inviteId: invite.id, personId: input.personId, at: input.now }))) return { ok: false, reason: 'used' };
      const target: InviteTarget = invite.kind === 'focal' ? { kind: 'focal', agencyId: invite.agencyId! } : { kind: 'supervisor', province: invite.province! };
      return { ok: true, target };
    },
  };
}

export type InviteService = ReturnType<typeof createInviteService>;

import { createHash, randomBytes } from 'node:crypto';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { InvitesRepo } from '../repositories/invites-repo.js';

export type InviteTarget = { kind: 'focal'; agencyId: number } | { kind: 'supervisor'; province: string };
export type AcceptResult = { ok: true; target: InviteTarget } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

// 32 letters and digits without 0/O and 1/I: read off one phone and typed on another.
const LINK_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LINK_LENGTH = 8;
const LINK_TTL_MS = 15 * 60_000;

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
    /** A short code (typed by hand on the other channel) that joins a second chat to this person; valid 15 minutes. */
    async createLink(input: { personId: number; now: Date }): Promise<{ code: string; expiresAt: Date }> {
      const bytes = randomBytes(LINK_LENGTH);
      const code = [...bytes].map((b) => LINK_ALPHABET[b % LINK_ALPHABET.length]).join('');
      const expiresAt = new Date(input.now.getTime() + LINK_TTL_MS);
      await deps.invites.create({ tokenHash: hashToken(code), kind: 'link', expiresAt, createdBy: input.personId });
      return { code, expiresAt };
    },
    /** The code typed on the chat to join: held for the owner's confirmation. */
    claimLink(input: { code: string; personId: number; now: Date }) {
      return deps.invites.claimLink({ tokenHash: hashToken(input.code.trim().toUpperCase()), personId: input.personId, at: input.now });
    },
    confirmLink(input: { inviteId: number; ownerId: number; now: Date }) {
      return deps.invites.confirmLink({ inviteId: input.inviteId, ownerId: input.ownerId, at: input.now });
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

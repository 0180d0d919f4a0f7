import type { Db } from '../db/connect.js';

export interface InviteRow {
  id: number;
  kind: 'focal' | 'supervisor';
  agencyId: number | null;
  province: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

export function createInvitesRepo(db: Db) {
  return {
    create: (input: { tokenHash: string; kind: 'focal' | 'supervisor' | 'link'; agencyId?: number; province?: string; expiresAt: Date; createdBy?: number }) =>
      db.invite.create({ data: { tokenHash: input.tokenHash, kind: input.kind, agencyId: input.agencyId ?? null, provinceCode: input.province ?? null, expiresAt: input.expiresAt, createdBy: input.createdBy ?? null } }),
    async byHash(tokenHash: string): Promise<InviteRow | undefined> {
      const row = await db.invite.findUnique({ where: { tokenHash } });
      return row ? { id: row.id, kind: row.kind as InviteRow['kind'], agencyId: row.agencyId, province: row.provinceCode, expiresAt: row.expiresAt, usedAt: row.usedAt } : undefined;
    },
    /**
     * Takes a link code for the person who typed it (`usedBy`), not yet spending it: the code's owner confirms on
     * their own chat. Returns the owner, or why not.
     */
    async claimLink(input: { tokenHash: string; personId: number; at: Date }): Promise<{ ok: true; inviteId: number; ownerId: number } | { ok: false; reason: 'invalid' | 'expired' | 'used' | 'same' }> {
      const row = await db.invite.findUnique({ where: { tokenHash: input.tokenHash } });
      if (!row || row.kind !== 'link' || row.createdBy === null) return { ok: false, reason: 'invalid' };
      if (row.usedAt || row.usedBy !== null) return { ok: false, reason: 'used' };
      if (row.createdBy === input.personId) return { ok: false, reason: 'same' };
      if (row.expiresAt <= input.at) return { ok: false, reason: 'expired' };
      const claimed = await db.invite.updateMany({ where: { id: row.id, usedAt: null, usedBy: null }, data: { usedBy: input.personId } });
      return claimed.count === 1 ? { ok: true, inviteId: row.id, ownerId: row.createdBy } : { ok: false, reason: 'used' };
    },
    /** The owner's confirmation of a claimed link code: spends it and returns who typed it, or why not. */
    async confirmLink(input: { inviteId: number; ownerId: number; at: Date }): Promise<{ ok: true; personId: number } | { ok: false; reason: 'invalid' | 'expired' | 'used' }> {
      const row = await db.invite.findUnique({ where: { id: input.inviteId } });
      if (!row || row.kind !== 'link' || row.createdBy !== input.ownerId || row.usedBy === null) return { ok: false, reason: 'invalid' };
      if (row.usedAt) return { ok: false, reason: 'used' };
      if (row.expiresAt <= input.at) return { ok: false, reason: 'expired' };
      const spent = await db.invite.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: input.at } });
      return spent.count === 1 ? { ok: true, personId: row.usedBy } : { ok: false, reason: 'used' };
    },
    /**
     * Marks the invite used and grants its role in one transaction. The update's
     * `usedAt: null` condition makes a race between two acceptances lose cleanly.
     */
    async redeem(input: { inviteId: number; personId: number; at: Date }): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const claimed = await tx.invite.updateMany({ where: { id: input.inviteId, usedAt: null }, data: { usedAt: input.at, usedBy: input.personId } });
        if (claimed.count !== 1) return false;
        const invite = await tx.invite.findUniqueOrThrow({ where: { id: input.inviteId } });
        const role = { personId: input.personId, kind: invite.kind, agencyId: invite.agencyId, provinceCode: invite.provinceCode };
        if (!(await tx.role.findFirst({ where: role }))) await tx.role.create({ data: role });
        return true;
      });
    },
  };
}

export type InvitesRepo = ReturnType<typeof createInvitesRepo>;

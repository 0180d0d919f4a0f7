/** The languages the service speaks; every person reads one of them. */
export type Language = 'vi' | 'en';

/** A focal point reports for one agency; a supervisor oversees one province, or every one. */
export interface RoleInfo {
  kind: 'focal' | 'supervisor';
  agencyId: number | null;
  province: string | null; // "*" for every province
}

export interface PersonInfo {
  id: number;
  name: string;
  language: Language;
  roles: RoleInfo[];
}

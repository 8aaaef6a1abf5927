import { z } from 'zod';

export const ROLES = ['admin', 'secretariat', 'unit_reporter', 'executive', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, { th: string; en: string }> = {
  admin: { th: 'ผู้ดูแลระบบ', en: 'Administrator' },
  secretariat: { th: 'ฝ่ายเลขานุการ / คณะทำงาน ITA', en: 'ITA secretariat' },
  unit_reporter: { th: 'ผู้รายงานของหน่วยงาน', en: 'Unit reporter' },
  executive: { th: 'ผู้บริหาร', en: 'Executive' },
  viewer: { th: 'ผู้ดูข้อมูล', en: 'Viewer' },
};

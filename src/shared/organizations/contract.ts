import { z } from 'zod';
import { normalizeCode } from '../format/numbers.ts';

export const ORGANIZATION_KINDS = [
  'province',
  'regional_unit',
  'municipality',
  'division',
  'department',
  'office',
  'other',
] as const;
export const organizationKindSchema = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof organizationKindSchema>;

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, { th: string; en: string }> = {
  province: { th: 'จังหวัด', en: 'Province' },
  regional_unit: { th: 'ส่วนราชการส่วนภูมิภาค', en: 'Regional unit' },
  municipality: { th: 'เทศบาล / องค์กรปกครองส่วนท้องถิ่น', en: 'Municipality / local government' },
  division: { th: 'สำนัก / กอง', en: 'Division' },
  department: { th: 'กรม / หน่วยงานส่วนกลาง', en: 'Department' },
  office: { th: 'สำนักงาน / ฝ่าย', en: 'Office' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};

const code = z
  .string()
  // Thai digits are the same digits: ๑๒ is 12 (the shared reader of codes).
  .overwrite(normalizeCode)
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Code may contain letters, digits, dot, dash and underscore');
const nameTh = z.string().trim().min(1).max(300);
const optionalName = z.string().trim().max(300).nullable().optional();

export const organizationSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  kind: organizationKindSchema,
  nameTh: z.string(),
  nameEn: z.string().nullable(),
  shortNameTh: z.string().nullable(),
  shortNameEn: z.string().nullable(),
  active: z.boolean(),
  depth: z.number().int(),
  version: z.number().int(),
});

export const createOrganizationSchema = z.object({
  parentId: z.uuid().nullable(),
  code,
  kind: organizationKindSchema,
  nameTh,
  nameEn: optionalName,
  shortNameTh: optionalName,
  shortNameEn: optionalName,
});

export const updateOrganizationSchema = z.object({
  version: z.number().int().positive(),
  code: code.optional(),
  kind: organizationKindSchema.optional(),
  nameTh: nameTh.optional(),
  nameEn: optionalName,
  shortNameTh: optionalName,
  shortNameEn: optionalName,
});

export const moveOrganizationSchema = z.object({
  version: z.number().int().positive(),
  newParentId: z.uuid().nullable(),
});

export const versionOnlySchema = z.object({ version: z.number().int().positive() });

export type Organization = z.infer<typeof organizationSchema>;
export type CreateOrganization = z.infer<typeof createOrganizationSchema>;
export type UpdateOrganization = z.infer<typeof updateOrganizationSchema>;
export type MoveOrganization = z.infer<typeof moveOrganizationSchema>;

import type { Role } from '#shared/auth/roles.ts';
import type { OrganizationKind } from '#shared/organizations/contract.ts';

/** The demo agencies and accounts `npm start` creates on an empty development database. */
export const DEMO_PASSWORD = 'demo-password-2568';

type DemoOrg = {
  code: string;
  kind: OrganizationKind;
  nameTh: string;
  nameEn: string;
  shortNameTh?: string;
  shortNameEn?: string;
};

export const DEMO_PROVINCE: DemoOrg & { units: DemoOrg[] } = {
  code: 'DEMO-PROV',
  kind: 'province',
  nameTh: 'จังหวัดตัวอย่าง',
  nameEn: 'Example Province',
  units: [
    {
      code: 'DEMO-PROV-01',
      kind: 'regional_unit',
      nameTh: 'สำนักงานจังหวัดตัวอย่าง',
      nameEn: 'Example Provincial Office',
      shortNameTh: 'สนจ.',
      shortNameEn: 'PO',
    },
    {
      code: 'DEMO-PROV-02',
      kind: 'regional_unit',
      nameTh: 'ที่ทำการปกครองจังหวัดตัวอย่าง',
      nameEn: 'Provincial Administration Office',
      shortNameTh: 'ปค.จ.',
      shortNameEn: 'PAO',
    },
    {
      code: 'DEMO-PROV-03',
      kind: 'regional_unit',
      nameTh: 'สำนักงานสาธารณสุขจังหวัดตัวอย่าง',
      nameEn: 'Provincial Public Health Office',
      shortNameTh: 'สสจ.',
      shortNameEn: 'PPHO',
    },
    {
      code: 'DEMO-PROV-04',
      kind: 'regional_unit',
      nameTh: 'สำนักงานเกษตรจังหวัดตัวอย่าง',
      nameEn: 'Provincial Agriculture Office',
      shortNameTh: 'กษจ.',
      shortNameEn: 'PAgO',
    },
    {
      code: 'DEMO-PROV-05',
      kind: 'regional_unit',
      nameTh: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดตัวอย่าง',
      nameEn: 'Provincial Social Development and Human Security Office',
      shortNameTh: 'พมจ.',
      shortNameEn: 'PSDHSO',
    },
    {
      code: 'DEMO-PROV-06',
      kind: 'regional_unit',
      nameTh: 'สำนักงานโยธาธิการและผังเมืองจังหวัดตัวอย่าง',
      nameEn: 'Provincial Public Works and Town Planning Office',
      shortNameTh: 'โยธาฯ',
      shortNameEn: 'PPWTPO',
    },
  ],
};

export const DEMO_MUNICIPALITY: DemoOrg & { units: DemoOrg[] } = {
  code: 'DEMO-MUNI',
  kind: 'municipality',
  nameTh: 'เทศบาลตัวอย่าง',
  nameEn: 'Example Municipality',
  units: [
    {
      code: 'DEMO-MUNI-01',
      kind: 'division',
      nameTh: 'สำนักปลัดเทศบาล',
      nameEn: 'Office of the Municipal Clerk',
    },
    { code: 'DEMO-MUNI-02', kind: 'division', nameTh: 'กองคลัง', nameEn: 'Finance Division' },
    { code: 'DEMO-MUNI-03', kind: 'division', nameTh: 'กองช่าง', nameEn: 'Engineering Division' },
    {
      code: 'DEMO-MUNI-04',
      kind: 'division',
      nameTh: 'กองยุทธศาสตร์และงบประมาณ',
      nameEn: 'Strategy and Budget Division',
    },
  ],
};

/** `on`: the organisation code the role is held on; null = the whole deployment. */
export type DemoUser = { email: string; displayName: string; role: Role; on: string | null };

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.prongsai.local', displayName: 'ผู้ดูแลระบบ (ตัวอย่าง)', role: 'admin', on: null },
  {
    email: 'secretariat@demo.prongsai.local',
    displayName: 'ฝ่ายเลขานุการ ITA จังหวัด',
    role: 'secretariat',
    on: 'DEMO-PROV',
  },
  {
    email: 'reporter@demo.prongsai.local',
    displayName: 'ผู้รายงาน สำนักงานสาธารณสุขจังหวัด',
    role: 'unit_reporter',
    on: 'DEMO-PROV-03',
  },
  {
    email: 'executive@demo.prongsai.local',
    displayName: 'ผู้ว่าราชการจังหวัดตัวอย่าง',
    role: 'executive',
    on: 'DEMO-PROV',
  },
  { email: 'viewer@demo.prongsai.local', displayName: 'ผู้ดูข้อมูล จังหวัด', role: 'viewer', on: 'DEMO-PROV' },
  { email: 'muni-admin@demo.prongsai.local', displayName: 'ผู้ดูแลระบบ เทศบาล', role: 'admin', on: 'DEMO-MUNI' },
  {
    email: 'muni-secretariat@demo.prongsai.local',
    displayName: 'กองยุทธศาสตร์ฯ (เลขานุการ ITA เทศบาล)',
    role: 'secretariat',
    on: 'DEMO-MUNI',
  },
  {
    email: 'muni-reporter@demo.prongsai.local',
    displayName: 'ผู้รายงาน กองช่าง',
    role: 'unit_reporter',
    on: 'DEMO-MUNI-03',
  },
  {
    email: 'muni-executive@demo.prongsai.local',
    displayName: 'นายกเทศมนตรีตัวอย่าง',
    role: 'executive',
    on: 'DEMO-MUNI',
  },
  { email: 'muni-viewer@demo.prongsai.local', displayName: 'ผู้ดูข้อมูล เทศบาล', role: 'viewer', on: 'DEMO-MUNI' },
];

/**
 * Reporters of the other regional units, made with the demo cycle (demo-cycle.ts) so that each unit's
 * report is sent by someone of that unit. DEMO-PROV-06 has none: its report is still missing.
 */
export const DEMO_UNIT_REPORTERS: DemoUser[] = [
  { code: 'DEMO-PROV-01', name: 'ผู้รายงาน สำนักงานจังหวัด' },
  { code: 'DEMO-PROV-02', name: 'ผู้รายงาน ที่ทำการปกครองจังหวัด' },
  { code: 'DEMO-PROV-04', name: 'ผู้รายงาน สำนักงานเกษตรจังหวัด' },
  { code: 'DEMO-PROV-05', name: 'ผู้รายงาน สำนักงานพัฒนาสังคมฯ จังหวัด' },
].map(({ code, name }) => ({
  email: `reporter-${code.slice(-2)}@demo.prongsai.local`,
  displayName: name,
  role: 'unit_reporter' as const,
  on: code,
}));

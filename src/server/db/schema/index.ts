export * from './assessments.ts';
export * from './audit.ts';
export * from './catalogue.ts';
export * from './documents.ts';
export * from './organizations.ts';
export * from './plans.ts';
export * from './progress.ts';
export * from './users.ts';

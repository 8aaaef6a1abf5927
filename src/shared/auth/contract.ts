import { z } from 'zod';
import { roleSchema } from './roles.ts';

export const MIN_PASSWORD_LENGTH = 10;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200)
  .refine((p) => /[A-Za-z\u0E00-\u0E7F]/.test(p) && /[0-9\u0E50-\u0E59]/.test(p), {
    message: 'Password must contain letters and digits',
  });

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const signInRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const firstAdminRequestSchema = z.object({
  email: emailSchema,
  displayName: z.string().trim().min(1).max(200),
  password: passwordSchema,
});

export const roleAssignmentSchema = z.object({
  id: z.uuid(),
  role: roleSchema,
  /** null: the whole deployment (only for admin). */
  organizationId: z.uuid().nullable(),
  organizationNameTh: z.string().nullable(),
});

export const sessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(['th', 'en']),
  roles: z.array(roleAssignmentSchema),
});

export const meResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
});

export const setupStatusSchema = z.object({ needsFirstAdmin: z.boolean() });

export type SignInRequest = z.infer<typeof signInRequestSchema>;
export type SessionUser = z.infer<typeof sessionUserSchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

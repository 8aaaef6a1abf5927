import { z } from 'zod';
import { emailSchema, passwordSchema, roleAssignmentSchema } from '../auth/contract.ts';
import { roleSchema } from '../auth/roles.ts';

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(['th', 'en']),
  active: z.boolean(),
  version: z.number().int(),
  roles: z.array(roleAssignmentSchema),
  /** In the users list: the identity providers the account signs in with (names; decision 025). */
  signInProviders: z.array(z.string()).optional(),
});

/** A page of the users list: `nextCursor` reads the next page (null on the last one). */
export const userPageSchema = z.object({
  items: z.array(userSchema),
  nextCursor: z.string().nullable(),
});

export const createUserSchema = z.object({
  email: emailSchema,
  displayName: z.string().trim().min(1).max(200),
  password: passwordSchema,
  role: roleSchema,
  organizationId: z.uuid(),
});

export const updateUserSchema = z.object({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(200).optional(),
  locale: z.enum(['th', 'en']).optional(),
  active: z.boolean().optional(),
});

export const changePasswordSchema = z.object({
  /** Required when changing one's own password; an admin resetting another user's does not give it. */
  currentPassword: z.string().max(200).optional(),
  newPassword: passwordSchema,
});

export const grantRoleSchema = z.object({
  role: roleSchema,
  /** null grants on the whole deployment: only a deployment-wide admin may do that. */
  organizationId: z.uuid().nullable(),
});

export type User = z.infer<typeof userSchema>;
export type CreateUser = z.infer<typeof createUserSchema>;
export type UpdateUser = z.infer<typeof updateUserSchema>;
export type GrantRole = z.infer<typeof grantRoleSchema>;

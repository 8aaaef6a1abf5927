import { z } from 'zod';

/** The one error shape of the API: a stable code, a message in Thai and English, field details. */
export const errorDetailSchema = z.object({
  path: z.string(),
  message_th: z.string(),
  message_en: z.string(),
});

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message_th: z.string(),
    message_en: z.string(),
    details: z.array(errorDetailSchema),
  }),
});

export type ErrorDetail = z.infer<typeof errorDetailSchema>;
export type ApiError = z.infer<typeof apiErrorSchema>;

export function isApiError(value: unknown): value is ApiError {
  return apiErrorSchema.safeParse(value).success;
}

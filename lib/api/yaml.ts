import { z } from 'zod';

import { errorCodeSchema } from './schemas';

/**
 * Wire contract of `…/{kind}/{name}/yaml`: read an object as YAML, and replace it with edited
 * YAML. Errors use the BFF's one error shape plus, when the problem has a place in the YAML,
 * its 1-based `line` and `column`.
 */

/** Edits larger than this are refused before parsing. */
export const MAX_YAML_BYTES = 512 * 1024;

export const yamlQuerySchema = z.object({
  /** `true`: without status and server-written metadata (uid, resourceVersion, …), to apply elsewhere. */
  clean: z
    .enum(['true', 'false'], 'must be true or false')
    .optional()
    .transform((value) => value === 'true'),
  /** `true`: answer as an attachment named `<name>.yaml`. */
  download: z
    .enum(['true', 'false'], 'must be true or false')
    .optional()
    .transform((value) => value === 'true'),
});

/**
 * `PUT …/yaml`: the whole object as YAML. Its `metadata.resourceVersion` is the version the edit
 * started from (a newer stored version is a 409); `status` is ignored.
 */
export const replaceYamlBodySchema = z.object({
  yaml: z.string().min(1, 'is required').max(MAX_YAML_BYTES, `must be at most ${MAX_YAML_BYTES} characters`),
});
export type ReplaceYamlBody = z.infer<typeof replaceYamlBodySchema>;

export const yamlErrorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    field: z.string().optional(),
    /** 1-based position in the YAML sent: of a syntax error, or of `field`. */
    line: z.number().int().optional(),
    column: z.number().int().optional(),
  }),
});
export type YamlErrorBody = z.infer<typeof yamlErrorBodySchema>;

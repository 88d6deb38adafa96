/**
 * The Claude models offered in Settings and their prices: data in resources/ai-models.json (id,
 * label, USD per million input and output tokens), read and checked here, plus the cost estimate
 * of one request from its token usage (exact decimal arithmetic, rounded to 1e-8 USD).
 */
import fs from 'node:fs';
import { z } from 'zod';
import { AiModel } from '../../../shared/domain/ai.js';
import { Decimal } from '../../engine/money/decimal.js';

export const AI_MODELS_FILE = 'resources/ai-models.json';

const ModelList = z
  .object({
    default: z.string().min(1),
    models: z
      .array(AiModel.extend({ inputPerMTok: z.number().nonnegative(), outputPerMTok: z.number().nonnegative() }))
      .min(1),
  })
  .refine((l) => l.models.some((m) => m.id === l.default), 'the default model is not in the list');
export type ModelList = z.infer<typeof ModelList>;

/** Reads and checks the model list; throws with the file name and the problem when it is malformed. */
export function loadModelList(file: string): ModelList {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`the model list ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const parsed = ModelList.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`the model list ${file} is malformed: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

/** USD for `tokensIn` input and `tokensOut` output tokens at the model's prices (0 for an unknown model). */
export function estimateCostUsd(model: AiModel | undefined, tokensIn: number, tokensOut: number): number {
  if (!model) return 0;
  const perToken = (price: number, tokens: number) => Decimal.fromNumber(price).mul(Math.max(0, Math.round(tokens)));
  return perToken(model.inputPerMTok, tokensIn)
    .add(perToken(model.outputPerMTok, tokensOut))
    .div(1_000_000, { scale: 8, rounding: 'half-up' })
    .toNumber();
}

/**
 * The API's parameters as zod schemas: query strings (every value a string, unknown keys
 * refused so a misspelt filter is not silently ignored) and the analyze body.
 */
import { z } from 'zod';
import { SPEECH_ACTS } from '../../core/contract.ts';

export const MAX_PAGE = 100;

const int = (min: number, max: number, dflt: number) =>
  z.string()
    .regex(/^\d{1,9}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(dflt);

const DAY = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const date = z.string().regex(DAY, 'must be a date: YYYY-MM-DD, YYYY-MM or YYYY').optional();
const bool = z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1').optional();
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const paging = {
  limit: int(1, MAX_PAGE, 20),
  offset: int(0, 1_000_000, 0),
};
const dates = { from: date, to: date };

export const articlesQuery = z.object({ ...paging, ...dates }).strict();

export const articleQuery = z.object({}).strict();

export const searchQuery = z.object({
  q: text(500),
  ...paging,
  ...dates,
  who: text(400).optional(),
  anonymous: bool,
  act: z.enum(SPEECH_ACTS as [string, ...string[]], { message: `must be one of ${SPEECH_ACTS.join(', ')}` }).optional(),
}).strict();

export const speakersQuery = z.object({
  ...paging,
  q: text(200).optional(),
  anonymous: bool,
  type: z.enum(['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'GROUP', 'OTHER'], { message: 'must be PERSON, ORG, GPE, LOC, NORP, GROUP or OTHER' }).optional(),
}).strict();

export const speakerQuery = z.object({ ...paging, ...dates }).strict();

export const timelineQuery = z.object({
  ...paging,
  ...dates,
  who: text(400).optional(),
  anonymous: bool,
  act: searchQuery.shape.act,
}).strict();

export const disputesQuery = z.object({ ...paging, ...dates, who: text(400).optional() }).strict();

export const analyzeBody = z.object({
  text: z.string().optional(),
  html: z.string().optional(),
  published: z.string().max(100).nullable().optional(),
  title: z.string().max(1000).nullable().optional(),
  explain: z.boolean().optional(),
}).strict().refine((b) => (b.text === undefined) !== (b.html === undefined), { message: 'give exactly one of "text" or "html"' });

export type AnalyzeBody = z.infer<typeof analyzeBody>;

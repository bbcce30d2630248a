/**
 * Agenda items and their text bodies with the bodies' history. Handlers:
 * main/node/api/handlers/items.ts.
 */
import { z } from 'zod';
import {
  agendaItemSchema,
  bodySchema,
  idSchema,
  itemBodyFieldSchema,
  meetingBodyFieldSchema,
  timestampSchema,
} from '../domain/model';
import { richTextSchema } from '../domain/richText';
import { deletedSchema, moveInputSchema, request } from './shared';

/** An agenda item with all its bodies. */
export const agendaItemDetailSchema = agendaItemSchema.extend({
  bodies: z.record(itemBodyFieldSchema, bodySchema),
});
export type AgendaItemDetail = z.infer<typeof agendaItemDetailSchema>;

export const bodyOwnerSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('meeting'), meetingId: idSchema, field: meetingBodyFieldSchema })
    .strict(),
  z.object({ kind: z.literal('item'), itemId: idSchema, field: itemBodyFieldSchema }).strict(),
]);
/** Which body a save or history request is about. */
export type BodyOwner = z.infer<typeof bodyOwnerSchema>;

export const revisionSchema = z.object({
  revision: z.number().int(),
  savedAt: timestampSchema,
  author: z.string(),
  content: richTextSchema,
});
/** One saved version of a body (append-only history). */
export type Revision = z.infer<typeof revisionSchema>;

/**
 * What an agenda item is created or changed with; left out, `isSupplementary` means not on the
 * tillægsdagsorden and `groupId` means no item group.
 */
const itemFields = agendaItemSchema
  .pick({
    number: true,
    title: true,
    isClosed: true,
    publicTitle: true,
    caseId: true,
    documentNumber: true,
    presenter: true,
    kind: true,
    isSupplementary: true,
    groupId: true,
  })
  .partial({ isSupplementary: true, groupId: true })
  .strict();

/** The requests of this area. */
export const itemsApi = {
  'items:create': request(
    z.object({ meetingId: idSchema, item: itemFields.partial({ number: true }).strict() }).strict(),
    agendaItemDetailSchema,
  ),
  'items:update': request(
    z.object({ id: idSchema, patch: itemFields.partial().strict() }).strict(),
    agendaItemSchema,
  ),
  'items:move': request(moveInputSchema, z.array(agendaItemSchema)),
  'items:delete': request(
    z
      .object({
        id: idSchema,
        /** Must be true to delete an item whose decision has text (the UI asks first). */
        isDecisionLossConfirmed: z.boolean().optional(),
      })
      .strict(),
    deletedSchema,
  ),

  'bodies:save': request(
    z
      .object({
        owner: bodyOwnerSchema,
        content: richTextSchema,
        /** The revision the edit was based on; a mismatch answers `conflict`. */
        baseRevision: z.number().int().min(0),
      })
      .strict(),
    z.object({ revision: z.number().int(), updatedAt: timestampSchema }),
  ),
  'bodies:history': request(z.object({ owner: bodyOwnerSchema }).strict(), z.array(revisionSchema)),
} as const;

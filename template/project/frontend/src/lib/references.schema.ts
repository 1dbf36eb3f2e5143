import * as z from "zod/mini";

/** A row of any resource of the API: its id, and whatever else it has. */
export const RowSchema = z.looseObject({ id: z.string() });
export type Row = z.infer<typeof RowSchema>;

export const RowPageSchema = z.object({ items: z.array(RowSchema), total: z.number() });
export type RowPage = z.infer<typeof RowPageSchema>;

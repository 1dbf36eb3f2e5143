import { act } from "@testing-library/react";
import { vi } from "vitest";

/** The label every referenced row has in tests (`answerReferenceReads`). */
export const REFERENCE_LABEL = "Référence";

/**
 * For tests: the API's reads of referenced rows answered through a stubbed global fetch.
 * `GET /<plural>?…` gives one row, `id`, labelled REFERENCE_LABEL; `GET /<plural>/<id>` gives
 * that row. Returns the stub, to see what was asked.
 */
export function answerReferenceReads(id: string) {
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    const row = { id: url.includes("?") ? id : url.split("/").pop(), label: REFERENCE_LABEL };
    const body = url.includes("?") ? { items: [row], total: 1 } : row;
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

/**
 * For tests: waits for a form's check after a submission. Zod and the form's schema are loaded
 * with the first one (they are not in a page's first load): `await
 * checked(import("@/lib/resources/<name>.schema"))`, or `checked()` for a schema given as is.
 */
export async function checked(schema?: Promise<unknown>) {
  await act(async () => {
    await Promise.all([import("./validation"), schema]);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

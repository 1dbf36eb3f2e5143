import type { Metadata } from "next";

import { NotFoundState } from "@/components/states";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages.notFound };

export default function NotFound() {
  return <NotFoundState backHref="/" />;
}

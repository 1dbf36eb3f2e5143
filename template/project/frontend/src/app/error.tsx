"use client";

import { ErrorState } from "@/components/states";
import { messages } from "@/lib/i18n";

interface PageErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/** Every page's error boundary (a page folder may add its own). */
export default function PageError({ reset }: PageErrorProps) {
  return <ErrorState message={messages.error} onRetry={() => reset()} />;
}

import { focusNextHeading } from "./heading-focus";

export { takeHeadingFocus } from "./heading-focus";

/**
 * What a person sees after an action (created, saved, deleted): a toast, read out by screen
 * readers (sonner's region is polite), and the focus on the next page's heading (`PageHeader`)
 * rather than lost on the page's body.
 */
export function notify(message: string) {
  // sonner is loaded with the page's toaster, after the page (src/components/theme.tsx).
  void import("sonner").then(({ toast }) => toast.success(message));
  focusNextHeading();
}

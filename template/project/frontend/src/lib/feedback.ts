import { toast } from "sonner";

let focusHeading = false;

/**
 * What a person sees after an action (created, saved, deleted): a toast, read out by screen
 * readers (sonner's region is polite), and the focus on the next page's heading (`PageHeader`)
 * rather than lost on the page's body.
 */
export function notify(message: string) {
  toast.success(message);
  focusHeading = true;
}

/** Whether a heading should take the focus now (once per `notify`). */
export function takeHeadingFocus(): boolean {
  const pending = focusHeading;
  focusHeading = false;
  return pending;
}

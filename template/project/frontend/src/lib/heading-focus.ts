let focusHeading = false;

/** The next page's heading (`PageHeader`) is to take the focus: an action led there. */
export function focusNextHeading() {
  focusHeading = true;
}

/**
 * Whether a heading should take the focus now (once per `focusNextHeading`). Apart from
 * `notify` (src/lib/feedback.ts) so that every page's title does not load sonner.
 */
export function takeHeadingFocus(): boolean {
  const pending = focusHeading;
  focusHeading = false;
  return pending;
}

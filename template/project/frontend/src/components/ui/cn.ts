/** Joins class names, skipping the falsy ones (shadcn/ui's `cn`, without a merge step). */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}

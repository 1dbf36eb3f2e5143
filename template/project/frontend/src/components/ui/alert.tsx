import type { HTMLAttributes } from "react";

import { cn } from "./cn";

const variants = {
  default: "border-border bg-card text-foreground",
  destructive: "border-destructive/40 bg-destructive/5 text-destructive",
} as const;

export interface AlertProps extends HTMLAttributes<HTMLDivElement> {
  variant?: keyof typeof variants;
  title?: string;
}

/** A message box; `role="alert"` for errors, `role="status"` otherwise (both announced). */
export function Alert({ variant = "default", title, className, children, ...props }: AlertProps) {
  return (
    <div
      role={variant === "destructive" ? "alert" : "status"}
      className={cn("rounded-lg border px-4 py-3 text-sm", variants[variant], className)}
      {...props}
    >
      {title ? <p className="mb-1 font-medium">{title}</p> : null}
      {children}
    </div>
  );
}

"use client";

import { useState, type FormEvent } from "react";

import { PageHeader } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { messages } from "@/lib/i18n";
import { signIn } from "@/lib/session";

/** The message for a refused sign-in: wrong credentials, too many attempts, or else. */
export function signInError(error: unknown): string {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return messages.wrongCredentials;
  }
  if (error instanceof ApiError && error.status === 429) return messages.tooManyAttempts;
  return errorMessage(error);
}

/** E-mail and password; then back to the page asked for (`next`), a full load of it. */
export function SignInView({
  next,
  go = (url: string) => window.location.assign(url),
}: {
  next: string;
  go?: (url: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await signIn(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
      go(next);
    } catch (failure) {
      setError(signInError(failure));
      setPending(false);
    }
  }

  return (
    <div className="mx-auto max-w-sm">
      <PageHeader title={messages.signInTitle} />
      <p className="mb-6 text-sm text-muted-foreground">{messages.signInIntro}</p>
      <form className="grid gap-4" onSubmit={submit}>
        {error ? <Alert variant="destructive">{error}</Alert> : null}
        <Field name="email" label={messages.email} required>
          {(control) => <Input {...control} type="email" autoComplete="username" />}
        </Field>
        <Field name="password" label={messages.password} required>
          {(control) => <Input {...control} type="password" autoComplete="current-password" />}
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? messages.signingIn : messages.signInSubmit}
        </Button>
      </form>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useTransition, type FormHTMLAttributes } from "react";
import { FormPendingContext } from "@/components/ui/pending-button";

type TNavigationFormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "method" | "onSubmit"> & { action: string };

/**
 * A GET form (filters that live in the URL) whose submit navigates in a transition, so a
 * PendingButton inside it shows the wait until the next page has loaded; React's form status
 * only sees function actions. Without JavaScript it is the same plain GET form, and the URL
 * it goes to is the one the browser would build.
 */
export function NavigationForm({ action, children, ...props }: TNavigationFormProps) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  return (
    <form
      {...props}
      action={action}
      aria-busy={isPending}
      onSubmit={(event) => {
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const query = new URLSearchParams();
        for (const [name, value] of new FormData(event.currentTarget, submitter)) {
          if (typeof value === "string") query.append(name, value);
        }
        const target = new URL(action, window.location.href);
        if (target.origin !== window.location.origin) return;
        event.preventDefault();
        startTransition(() => router.push(`${target.pathname}?${query}`));
      }}
    >
      <FormPendingContext value={isPending}>{children}</FormPendingContext>
    </form>
  );
}

"use client";

import { useState } from "react";
import { WELCOME_COOKIE } from "@/components/dashboard/welcome-cookie";

/** The dashboard's first-run guide; dismissing it is remembered for a year (a cookie), per browser. */
export function WelcomePanel({ children }: { children: React.ReactNode }) {
  const [isOpen, setIsOpen] = useState(true);
  if (!isOpen) return null;
  return (
    <section aria-labelledby="welcome-title" className="mb-6 rounded-xl border border-brand-100 bg-brand-50 p-4 text-sm text-slate-800">
      <div className="flex items-start justify-between gap-4">
        <div>{children}</div>
        <button
          type="button"
          onClick={() => {
            document.cookie = `${WELCOME_COOKIE}=dismissed; path=/; max-age=${365 * 86_400}; samesite=lax`;
            setIsOpen(false);
          }}
          className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-slate-700 underline hover:bg-white"
        >
          Dismiss
        </button>
      </div>
    </section>
  );
}

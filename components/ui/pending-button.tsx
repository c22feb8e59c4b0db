"use client";

import { createContext, useContext, type ButtonHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";

/**
 * Whether the form around a button is waiting for something React's form status cannot see:
 * a GET form's navigation (NavigationForm provides it).
 */
export const FormPendingContext = createContext(false);

/** A small spinning ring, hidden from screen readers (the button's words say it is waiting). */
export function Spinner({ className = "" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" className={`size-4 shrink-0 animate-spin motion-reduce:animate-none ${className}`.trim()}>
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="4" className="opacity-25" />
      <path d="M4 12a8 8 0 0 1 8-8v4a4 4 0 0 0-4 4H4z" fill="currentColor" className="opacity-75" />
    </svg>
  );
}

type TWaitingButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** Whether the work the button started is still running: its caller knows (a transition's isPending, an action's). */
  isPending: boolean;
  /** What the button says while it waits: "Publishing…". */
  pendingText: string;
  /**
   * The accessible name while it waits, for a button named by aria-label ("Saving owner of …"
   * for "Save owner of …"), so the name still contains the words it shows. Without it the
   * button keeps its aria-label.
   */
  pendingLabel?: string;
};

/**
 * The look of a button that waits, for a caller that knows when it does (a transition it ran
 * itself, a form dispatched by hand): a spinner and `pendingText`, disabled and aria-busy while
 * `isPending`. It holds no state; PendingButton is the same button for a form's own action.
 */
export function WaitingButton({ isPending, pendingText, pendingLabel, disabled, children, className = "", type = "button", ...props }: TWaitingButtonProps) {
  return (
    <button
      {...props}
      type={type}
      aria-label={isPending && pendingLabel ? pendingLabel : props["aria-label"]}
      disabled={disabled || isPending}
      aria-busy={isPending}
      className={`inline-flex items-center justify-center gap-2 ${className}`.trim()}
    >
      {isPending ? (
        <>
          <Spinner />
          {pendingText}
        </>
      ) : (
        children
      )}
    </button>
  );
}

type TPendingButtonProps = Omit<TWaitingButtonProps, "type" | "isPending"> & {
  /** Forces the waiting state; by default it is the form's (an action's, or a NavigationForm's navigation). */
  pending?: boolean;
};

/**
 * A form's submit button that shows it is waiting: a spinner and `pendingText`, disabled and
 * aria-busy while the form's action runs (React's useFormStatus) or its navigation loads.
 * Its accessible name is its children (or aria-label) when idle and `pendingText` (or
 * `pendingLabel`) while waiting.
 */
export function PendingButton({ pending, ...props }: TPendingButtonProps) {
  const status = useFormStatus();
  const navigating = useContext(FormPendingContext);
  return <WaitingButton {...props} type="submit" isPending={pending ?? (status.pending || navigating)} />;
}

// Placeholder until sign-in lands: shows who is browsing and what is not there yet.
export function UserMenu() {
  return (
    <details className="relative">
      <summary
        aria-label="User menu"
        className="flex cursor-pointer list-none items-center gap-2 rounded-full border border-slate-200 bg-white py-1 pl-1 pr-3 text-sm text-slate-700 hover:bg-slate-50"
      >
        <span aria-hidden className="grid size-7 place-items-center rounded-full bg-slate-200 text-xs font-semibold">
          ?
        </span>
        Guest
      </summary>
      <div
        role="menu"
        aria-label="Account"
        className="absolute right-0 z-10 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg"
      >
        <p className="font-medium text-slate-900">Not signed in</p>
        <p className="mt-1 text-slate-600">Sign-in with your organisation&apos;s identity provider is coming soon.</p>
      </div>
    </details>
  );
}

import type { TVerdictValue } from "@/lib/domain/verdict/types";

const STYLES: Record<TVerdictValue, { label: string; className: string }> = {
  GO: { label: "Go", className: "bg-emerald-100 text-emerald-800 ring-emerald-600/20" },
  GO_WITH_EXCEPTIONS: { label: "Go with exceptions", className: "bg-amber-100 text-amber-900 ring-amber-600/20" },
  NO_GO: { label: "No-go", className: "bg-red-100 text-red-800 ring-red-600/20" },
};

export function VerdictBadge({ verdict }: { verdict: TVerdictValue }) {
  const style = STYLES[verdict];
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${style.className}`}>
      {style.label}
    </span>
  );
}

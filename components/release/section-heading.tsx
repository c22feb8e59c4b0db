import { SectionProgress } from "@/components/release/release-live";
import { InlineNodes } from "@/components/ui/markdown-nodes";
import type { TChecklistSection } from "@/lib/data/releases/release-checklist";

/** A checklist section's title at its level (h2 to h4) and its live "3/14 blocking satisfied". */
export function SectionHeading({ section, level, className = "" }: { section: TChecklistSection; level: number; className?: string }) {
  const Heading = (level <= 2 ? "h2" : level === 3 ? "h3" : "h4") as "h2";
  return (
    <div className={`flex items-baseline justify-between gap-4 border-b border-slate-200 pb-1 ${className}`}>
      <Heading className="font-semibold text-slate-900">
        <InlineNodes nodes={section.titleNodes} />
      </Heading>
      <SectionProgress blockingKeys={section.blockingKeys} />
    </div>
  );
}

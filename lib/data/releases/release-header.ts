import type { TReleaseStatus } from "@/lib/domain/checklist/types";

export type TReleaseHeader = {
  id: string;
  name: string;
  service: string;
  version: string;
  environment: string;
  targetDate: string | null;
  targetLevel: string | null;
  status: TReleaseStatus;
  templateTitle: string;
  templateVersion: number;
};

type TReleaseRow = Omit<TReleaseHeader, "targetDate" | "templateTitle" | "templateVersion"> & {
  targetDate: Date | null;
  templateVersion: { title: string; number: number };
};

/** What every page and export says about a release before its checklist. */
export function toReleaseHeader(release: TReleaseRow): TReleaseHeader {
  return {
    id: release.id,
    name: release.name,
    service: release.service,
    version: release.version,
    environment: release.environment,
    targetDate: release.targetDate?.toISOString().slice(0, 10) ?? null,
    targetLevel: release.targetLevel,
    status: release.status,
    templateTitle: release.templateVersion.title,
    templateVersion: release.templateVersion.number,
  };
}

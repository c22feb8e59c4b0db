import "server-only";
import { z } from "zod";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { apiVerdictOf, type TApiVerdict } from "@/lib/data/releases/get-release-api";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";

// The deploy gate: may this service's version go out? Only with a valid GO sign-off that the
// verdict still allows now (evidence can age past its limit after the sign-off).

export const ZGateQuery = z.object({
  service: z.string().trim().min(1, "Name the service"),
  version: z.string().trim().min(1, "Name the version"),
  environment: z.string().trim().min(1).optional(),
});
export type TGateQuery = z.input<typeof ZGateQuery>;

export type TGateAnswer = {
  pass: boolean;
  /** Why it passes or not, in one sentence. */
  summary: string;
  release: { id: string; name: string; service: string; version: string; environment: string; status: TReleaseStatus };
  signOff: { by: string; at: string; comment: string | null } | null;
  verdict: TApiVerdict;
};

export async function checkGate(actor: TActor, query: TGateQuery, { db = getDb(), now = new Date() }: { db?: TDb; now?: Date } = {}): Promise<TResult<TGateAnswer>> {
  assertCan(actor, "release:read");
  const parsed = ZGateQuery.safeParse(query);
  if (!parsed.success) return fail("invalid", "Name the service and version (and the environment when the version ships to several).", z.flattenError(parsed.error).fieldErrors);
  const { service, version, environment } = parsed.data;
  const releases = await db.release.findMany({
    where: { service, version, ...(environment ? { environment } : {}), status: { not: "CANCELLED" } },
    orderBy: { createdAt: "desc" },
  });
  if (releases.length === 0) return fail("not_found", `No release of ${service} ${version}${environment ? ` to ${environment}` : ""} (cancelled ones do not count).`);
  const environments = new Set(releases.map((r) => r.environment));
  if (!environment && environments.size > 1) {
    return fail("invalid", `${service} ${version} has releases to ${[...environments].join(", ")}: name the environment.`);
  }
  const release = releases[0]!;
  const [loaded, signOffs] = await Promise.all([
    loadReleaseVerdict(db, release.id, now, { outsideTransaction: true }),
    db.signOff.findMany({
      where: { releaseId: release.id, decision: "GO", invalidatedAt: null },
      orderBy: { createdAt: "desc" },
      include: { user: { select: { email: true, name: true } } },
    }),
  ]);
  const signOff = signOffs[0];
  // Every seat's signers, oldest first: "ada@example.com (Release manager), sam@example.com (Security)".
  const signers = [...signOffs].reverse().map((s) => `${s.user.name ?? s.user.email}${signOffs.length > 1 ? ` (${s.capacity})` : ""}`).join(", ");
  const verdict = apiVerdictOf(loaded!.verdict);
  const isSignedOff = !!signOff && (release.status === "SIGNED_OFF" || release.status === "SHIPPED");
  const pass = isSignedOff && verdict.verdict !== "NO_GO";
  const summary = pass
    ? `GO: signed off by ${signers} and the verdict is ${verdict.verdict.replaceAll("_", " ").toLowerCase()}.`
    : !isSignedOff
      ? `NO GO: ${release.name} has no valid GO sign-off (it is ${release.status.replaceAll("_", " ").toLowerCase()}).`
      : `NO GO: it was signed off, but the verdict is now no-go: ${verdict.reasons[0]?.message ?? "see the reasons"}.`;
  return ok({
    pass,
    summary,
    release: { id: release.id, name: release.name, service: release.service, version: release.version, environment: release.environment, status: release.status },
    signOff: signOff ? { by: signOff.user.name ?? signOff.user.email, at: signOff.createdAt.toISOString(), comment: signOff.comment } : null,
    verdict,
  });
}

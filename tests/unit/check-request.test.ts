import { describe, expect, it } from "vitest";
import { checkRequest } from "@/lib/http/check-request";

const id = "0b6f1c2e-4a51-4a7e-9a3c-2f1d7b9e8c11";
const check = (url: string) => {
  const parsed = new URL(url, "http://app.local");
  return checkRequest(parsed.pathname, parsed.searchParams)?.status ?? 200;
};

describe("checkRequest: malformed ids and parameters never reach a page or route", () => {
  it.each([
    [`/releases/${"-".repeat(36)}`, 404],
    [`/releases/${"-".repeat(36)}/history`, 404],
    ["/releases/not-an-id/export?format=md", 404],
    ["/templates/x", 404],
    ["/templates/drafts/not-an-id", 404],
    ["/audit?before=99999999999999999999", 400],
    ["/audit?before=0", 400],
    ["/audit?before=-1", 400],
    ["/audit?from=0000-01-01", 400],
    ["/audit?to=2026-02-30", 400],
    [`/audit?releaseId=${"-".repeat(36)}`, 400],
    ["/audit?itemId=1&itemId=2", 400],
    [`/releases/${id}/history?at=1e9`, 400],
    ["/dashboard?range=garbage", 400],
    ["/dashboard/data?chart=owners&range=99999999999999", 400],
    [`/templates/${id}?version=abc`, 400],
  ])("%s → %i", (url, status) => {
    expect(check(url)).toBe(status);
  });

  it.each([
    "/releases",
    "/releases/new",
    "/templates/import",
    `/templates/import?templateId=${id}`,
    `/releases/${id}`,
    `/releases/${id}/history?at=12&compare=13&before=9223372036854775807`,
    "/audit?from=2026-01-01&to=2026-12-31&q=anything&actor=someone",
    "/audit?before=&from=&releaseId=",
    "/dashboard?range=30",
    "/dashboard?range=",
    `/templates/${id}?version=2`,
    `/templates/drafts/${id}`,
    "/sign-in?callbackUrl=/releases",
  ])("%s passes", (url) => {
    expect(check(url)).toBe(200);
  });
});

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** GETs a page as a signed-in browser would and reads it whole; throws unless 200. */
export async function getPage(url: string, cookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie, accept: "text/html" }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return body;
}

/** The JavaScript a first visit to the page downloads: every script it loads, gzipped. */
export async function firstLoadJs(baseUrl: string, html: string): Promise<{ files: number; gzipBytes: number; rawBytes: number }> {
  const sources = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&")));
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    rawBytes += body.byteLength;
    gzipBytes += gzipSync(body).byteLength;
  }
  return { files: sources.size, gzipBytes, rawBytes };
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

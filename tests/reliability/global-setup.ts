import { isBuildStale, runBuild } from "@/scripts/lib/ensure-build";
import { findPostgresBin, POSTGRES_MISSING } from "@/tests/helpers/own-postgres";

// The suite runs the production build (two `next start`s, an outage) against PostgreSQL
// servers of its own, which it may stop and start.
export default function setup() {
  if (!findPostgresBin()) throw new Error(POSTGRES_MISSING);
  if (isBuildStale()) runBuild(process.env);
}

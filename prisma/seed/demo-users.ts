import type { Role } from "@/lib/generated/prisma/enums";

/** One seeded user per role, for the demo sign-in of the embedded `npm start`. */
export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: "demo-admin@preflight.local", name: "Ada Admin", role: "ADMIN" },
  { email: "demo-release-manager@preflight.local", name: "Rémi Release Manager", role: "RELEASE_MANAGER" },
  { email: "demo-member@preflight.local", name: "Mina Member", role: "MEMBER" },
  { email: "demo-viewer@preflight.local", name: "Vic Viewer (auditor)", role: "VIEWER" },
];

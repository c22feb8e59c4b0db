export type TNavItem = { href: string; label: string; isAdminOnly?: boolean };

export const NAV_ITEMS: readonly TNavItem[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/releases", label: "Releases" },
  { href: "/my-work", label: "My work" },
  { href: "/templates", label: "Templates" },
  { href: "/audit", label: "Audit" },
  { href: "/admin", label: "Admin", isAdminOnly: true },
];

import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import localFont from "next/font/local";
import { connection } from "next/server";
import { parseThemeChoice, themeAttribute, THEME_COOKIE } from "@/lib/theme";
import "./globals.css";

// Inter ships in node_modules: nothing is fetched at build or run time.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Preflight", template: "%s · Preflight" },
  description: "Production-readiness checklists, go/no-go verdicts, sign-off and audit.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request so its scripts carry this request's CSP nonce.
  await connection();
  // Set only when the person chose light or dark (components/shell/theme-toggle.tsx);
  // without it app/globals.css follows the system setting. No inline script is needed.
  const theme = themeAttribute(parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value));
  return (
    <html lang="en" className={inter.variable} data-theme={theme}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}

"use client";

import { useState } from "react";
import { THEME_CHOICES, themeAttribute, themeCookieString, type TThemeChoice } from "@/lib/theme";

const LABELS: Record<TThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

// 16 px outline icons; the radio's name comes from the visually hidden label text.
const ICONS: Record<TThemeChoice, React.ReactNode> = {
  system: (
    <>
      <rect x="2.5" y="3" width="11" height="8" rx="1" />
      <path d="M6 13.5h4M8 11v2.5" />
    </>
  ),
  light: (
    <>
      <circle cx="8" cy="8" r="2.75" />
      <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1.06 1.06M11.54 11.54l1.06 1.06M3.4 12.6l1.06-1.06M11.54 4.46l1.06-1.06" />
    </>
  ),
  dark: <path d="M13.5 9.6A5.75 5.75 0 0 1 6.4 2.5a5.75 5.75 0 1 0 7.1 7.1Z" />,
};

/** Remembers the choice for the server's next render, and shows it on this page at once. */
function applyThemeChoice(choice: TThemeChoice) {
  document.cookie = themeCookieString(choice, window.location.protocol === "https:");
  const attribute = themeAttribute(choice);
  if (attribute) document.documentElement.setAttribute("data-theme", attribute);
  else document.documentElement.removeAttribute("data-theme");
}

/**
 * Theme: System / Light / Dark. The choice is a cookie the root layout reads to set
 * data-theme on <html> for the next page; this page changes at once through the attribute.
 */
export function ThemeToggle({ initial }: { initial: TThemeChoice }) {
  const [choice, setChoice] = useState(initial);

  function choose(next: TThemeChoice) {
    setChoice(next);
    applyThemeChoice(next);
  }

  return (
    <div role="radiogroup" aria-label="Theme" className="flex items-center gap-0.5 rounded-full border border-slate-200 bg-slate-100 p-0.5">
      {THEME_CHOICES.map((value) => (
        <label
          key={value}
          title={`${LABELS[value]} theme`}
          className="relative grid size-7 place-items-center rounded-full text-slate-600 hover:text-slate-900 has-checked:bg-white has-checked:text-slate-900 has-checked:shadow-sm has-checked:ring-1 has-checked:ring-slate-300"
        >
          <input
            type="radio"
            name="theme"
            value={value}
            checked={choice === value}
            onChange={() => choose(value)}
            className="absolute inset-0 cursor-pointer appearance-none rounded-full"
          />
          <svg aria-hidden viewBox="0 0 16 16" className="pointer-events-none size-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
            {ICONS[value]}
          </svg>
          <span className="sr-only">{LABELS[value]}</span>
        </label>
      ))}
    </div>
  );
}

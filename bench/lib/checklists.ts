/** A generated readiness checklist of `items` items in sections of 25. */
export function generatedChecklist(items: number, title = `Generated ${items}`): string {
  const lines = [`# ${title}`, ""];
  for (let i = 0; i < items; i += 1) {
    if (i % 25 === 0) lines.push("", `## Section ${i / 25 + 1}`, "");
    lines.push(`- [ ] Check ${i + 1}: the service meets requirement ${i + 1}`);
  }
  return `${lines.join("\n")}\n`;
}

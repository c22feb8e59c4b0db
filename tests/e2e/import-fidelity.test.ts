import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

// An admin imports someone else's document from a file: the browser sends the bytes and
// decides like the CLI, the preview shows each section's role and lets it be changed, and
// the published template reads as formatted text.
const DOCUMENT = `# Fidelity e2e checklist

## Launch day

- [ ] Rollback plan agreed
- [ ] **Status page** updated, see [the runbook][rb]

[rb]: https://example.com/runbook
`;

describe("importing a document as its readers see it", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await signInAs(page, "admin");
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("refuses a Latin-1 file with the CLI's message instead of previewing broken text", async () => {
    await page.goto(appUrl("/templates/import"));
    await page.getByLabel("Markdown file").setInputFiles({ name: "latin1.md", mimeType: "text/markdown", buffer: Buffer.from("# Caf\xe9\n\n- [ ] x\n", "latin1") });
    await visible(page.getByRole("alert").getByText("latin1.md: The file is not UTF-8 text. Save it as UTF-8 Markdown and import it again."));
    expect(await page.getByRole("textbox", { name: "Or paste it" }).inputValue()).toBe("");
  });

  it("reads a UTF-16 file, lets the importer make a section's items go criteria, and publishes them so", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DOCUMENT, "utf16le")]);
    await page.getByLabel("Markdown file").setInputFiles({ name: "utf16.md", mimeType: "text/markdown", buffer: utf16 });
    const preview = page.getByRole("region", { name: "Preview" });
    await visible(preview.getByText("Fidelity e2e checklist: 2 items (2 top-level), tasks mode"));
    expect(await page.getByRole("textbox", { name: "Or paste it" }).inputValue()).toBe(DOCUMENT);

    const role = preview.getByRole("combobox", { name: "Role of Launch day" });
    expect(await role.inputValue()).toBe("CHECK");
    await role.selectOption({ label: "Go criteria" });
    await visible(preview.getByText("Fidelity e2e checklist: 2 items (2 top-level), tasks mode, 2 go criteria"));

    await page.getByRole("button", { name: "Publish template" }).click();
    await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/);
    const section = page.getByRole("region", { name: "Launch day" });
    await visible(section.getByText("Rollback plan agreed"));
    expect(await section.getByText("GO IF").count()).toBe(2);
    // Read as formatted text, not Markdown source.
    await visible(section.locator("strong", { hasText: "Status page" }));
    await visible(section.getByRole("link", { name: "the runbook" }));
    expect(await section.getByText("**Status page**").count()).toBe(0);
  });
});

/** The audit log's export formats. */
export const AUDIT_EXPORT_FORMATS = ["csv", "json"] as const;
export type TAuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/**
 * The file an audit export is saved as, and its content type: one answer for the route that
 * sends it and the page that saves it (so the page never parses the name back out of a header).
 */
export function auditExportFile(format: TAuditExportFormat): { name: string; type: string } {
  return { name: `preflight-audit.${format}`, type: format === "csv" ? "text/csv; charset=utf-8" : "application/json" };
}

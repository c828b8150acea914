import type { AuditorReport } from "../services/auditor-report.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";

export type ReportFormat = "HTML" | "MARKDOWN" | "JSON";

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  HTML: "text/html; charset=utf-8",
  MARKDOWN: "text/markdown; charset=utf-8",
  JSON: "application/json; charset=utf-8",
};

export function renderReport(report: AuditorReport, format: ReportFormat): string {
  switch (format) {
    case "HTML":
      return renderHtml(report);
    case "MARKDOWN":
      return renderMarkdown(report);
    case "JSON":
      // The picture is a drawing, not data: JSON.stringify leaves an undefined key out.
      return `${JSON.stringify({ ...report, lineagePicture: undefined }, null, 2)}\n`;
    default: {
      const never: never = format;
      throw new Error(`unknown report format ${String(never)}`);
    }
  }
}

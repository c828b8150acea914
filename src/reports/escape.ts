const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** A share as a percentage with one decimal. */
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML[c]!);

/** A Markdown table cell: pipes escaped, line breaks folded. */
export const cell = (value: unknown) =>
  String(value ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");

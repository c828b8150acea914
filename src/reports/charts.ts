/** Inline SVG charts, drawn here: a report makes no external request. */
import { escapeHtml } from "./escape.js";

const COLORS = ["#2f6f4f", "#c0504d", "#d89b2b", "#4f6fa8", "#7d5ba6", "#5aa0a0", "#8c8c8c"];

/** One horizontal bar per entry, labelled with its key, count and share. */
export function barChart(title: string, entries: ReadonlyArray<{ key: string; count: number; share: number }>): string {
  if (entries.length === 0) return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><p class="muted">none</p></figure>`;
  const shown = entries.slice(0, 12);
  const row = 22;
  const height = shown.length * row + 4;
  const max = Math.max(...shown.map((e) => e.count));
  const bars = shown
    .map((e, i) => {
      const width = max === 0 ? 0 : Math.max(1, Math.round((e.count / max) * 300));
      const y = i * row + 2;
      return (
        `<text x="0" y="${y + 15}" class="k">${escapeHtml(e.key.length > 28 ? `${e.key.slice(0, 27)}…` : e.key)}</text>` +
        `<rect x="190" y="${y + 3}" width="${width}" height="16" fill="${COLORS[i % COLORS.length]}"/>` +
        `<text x="${196 + width}" y="${y + 15}" class="v">${e.count.toLocaleString("en-US")} (${(e.share * 100).toFixed(1)}%)</text>`
      );
    })
    .join("");
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 620 ${height}" width="620" height="${height}">${bars}</svg></figure>`;
}

/** One stacked bar: real / synthetic / augmented. */
export function originBar(real: number, synthetic: number, augmented: number): string {
  const total = real + synthetic + augmented;
  const parts = [
    ["REAL", real, COLORS[0]],
    ["SYNTHETIC", synthetic, COLORS[1]],
    ["AUGMENTED", augmented, COLORS[2]],
  ] as const;
  let x = 0;
  const rects = parts
    .map(([name, n, color]) => {
      const width = total === 0 ? 0 : (n / total) * 600;
      const rect = `<rect x="${x.toFixed(1)}" y="0" width="${width.toFixed(1)}" height="28" fill="${color}"><title>${name}: ${n}</title></rect>`;
      x += width;
      return rect;
    })
    .join("");
  const legend = parts
    .map(
      ([name, n, color], i) =>
        `<rect x="${i * 200}" y="38" width="12" height="12" fill="${color}"/><text x="${i * 200 + 18}" y="49" class="k">${name} ${n.toLocaleString("en-US")}</text>`,
    )
    .join("");
  return `<figure class="chart"><figcaption>Origin of the training samples</figcaption><svg role="img" aria-label="origin of the training samples" viewBox="0 0 620 56" width="620" height="56">${rects}${legend}</svg></figure>`;
}

/** The laid-out lineage picture as one standalone SVG: inline style, no script, no external reference. Pure. */
import { escapeHtml as e } from "../reports/escape.js";
import { shorten, type LaidOutPicture } from "./picture-layout.js";

export const SYNTHETIC_COLOR = "#c0504d";
export const REAL_COLOR = "#2f6f4f";

const FILL: Record<string, string> = {
  Generator: "#efe7f7",
  PromptTemplate: "#efe7f7",
  GenerationRun: "#fdf3dc",
  JobRun: "#fdf3dc",
  DatasetVersion: "#e3edf9",
  DataAsset: "#e3edf9",
  TrainingRun: "#fdf3dc",
  ModelVersion: "#e4f2e9",
  Samples: "#f5f5f7",
};

const STYLE = `.n rect{stroke:#888;stroke-width:1}.n.root rect{stroke:#1d1d1f;stroke-width:2}.t{font:600 12px system-ui,sans-serif;fill:#1d1d1f}.s{font:11px system-ui,sans-serif;fill:#666}.l{font:11px system-ui,sans-serif}.e{fill:none;stroke-width:1.6}`;

export function renderLineageSvg(p: LaidOutPicture, title: string): string {
  const legendY = p.height + 6;
  const height = p.height + 30;
  const width = Math.max(p.width, 420);
  const marker = (id: string, color: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${color}"/></marker>`;
  const edges = p.edges
    .map((edge) => {
      const color = edge.synthetic ? SYNTHETIC_COLOR : REAL_COLOR;
      const d = edge.points.map((pt, i) => `${i === 0 ? "M" : "L"}${pt.x.toFixed(1)},${pt.y.toFixed(1)}`).join("");
      const label = edge.label
        ? `<g class="el"><rect x="${edge.label.x.toFixed(1)}" y="${edge.label.y.toFixed(1)}" width="${edge.label.width}" height="${edge.label.height}" rx="3" fill="#fff" fill-opacity="0.9"/><text class="l" x="${(edge.label.x + 4).toFixed(1)}" y="${(edge.label.y + 12).toFixed(1)}" fill="${color}">${e(edge.label.text)}</text></g>`
        : "";
      return `<path class="e${edge.synthetic ? " syn" : ""}" d="${d}" stroke="${color}" marker-end="url(#${edge.synthetic ? "a-syn" : "a-real"})"/>${label}`;
    })
    .join("");
  const nodes = p.nodes
    .map(
      (n) =>
        `<g class="n${n.node.root ? " root" : ""}" data-id="${e(n.node.id)}"><title>${e(n.node.id)}</title><rect x="${n.x.toFixed(1)}" y="${n.y.toFixed(1)}" width="${n.width}" height="${n.height}" rx="6" fill="${FILL[n.node.label] ?? "#fff"}"/>` +
        `<text class="t" x="${(n.x + 12).toFixed(1)}" y="${(n.y + 18).toFixed(1)}">${e(shorten(n.node.title))}</text><text class="s" x="${(n.x + 12).toFixed(1)}" y="${(n.y + 33).toFixed(1)}">${e(n.subtitle)}</text></g>`,
    )
    .join("");
  const legend =
    `<g class="legend" transform="translate(16,${legendY})"><rect width="14" height="4" y="6" fill="${SYNTHETIC_COLOR}"/><text class="l" x="20" y="12">carries generated samples</text>` +
    `<rect x="190" width="14" height="4" y="6" fill="${REAL_COLOR}"/><text class="l" x="210" y="12">real only</text>${p.truncated ? `<text class="l" x="290" y="12" fill="#a33a36">more upstream than drawn</text>` : ""}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="lineage" role="img" aria-label="${e(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${e(title)}</title><style>${STYLE}</style><defs>${marker("a-syn", SYNTHETIC_COLOR)}${marker("a-real", REAL_COLOR)}</defs>${edges}${nodes}${legend}</svg>`;
}

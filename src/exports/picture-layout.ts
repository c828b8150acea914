/**
 * Lays a lineage picture out with ELK's layered algorithm (elkjs: the Eclipse Layout Kernel),
 * left to right, edge labels placed by the layout so they never sit on a node.
 */
import elk, { type ElkExtendedEdge, type ElkNode } from "elkjs/lib/elk.bundled.js";

// elk.bundled.js is CommonJS whose exports are the constructor and, as `default`, the same
// constructor again: `.default` is the constructor under every loader.
const ELK = elk.default;
import type { PictureGraph, PictureNode } from "./lineage-picture.js";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutNode extends Box {
  node: PictureNode;
  /** The type line under the title, e.g. "GenerationRun". */
  subtitle: string;
}

export interface LaidOutEdge {
  points: Array<{ x: number; y: number }>;
  label: (Box & { text: string }) | null;
  synthetic: boolean;
}

export interface LaidOutPicture {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  truncated: boolean;
}

/** Text widths are estimated (no fonts are measured on the server): 7 px a character at 12 px, bold titles a little wider. */
const TITLE_CHAR = 7.4;
const TEXT_CHAR = 6.6;
const MAX_TITLE = 34;
const shorten = (text: string) => (text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text);

const OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.edgeLabels.placement": "CENTER",
  "elk.layered.edgeLabels.sideSelection": "ALWAYS_UP",
  "elk.spacing.nodeNode": "28",
  "elk.layered.spacing.nodeNodeBetweenLayers": "70",
  "elk.spacing.edgeLabel": "4",
  "elk.spacing.edgeNode": "14",
  "elk.padding": "[top=16,left=16,bottom=16,right=16]",
};

export async function layOut(picture: PictureGraph): Promise<LaidOutPicture> {
  const byId = new Map(picture.nodes.map((n) => [n.id, n]));
  const subtitle = (n: PictureNode) => (n.label === "Samples" ? "samples, counted" : n.label);
  const graph: ElkNode = {
    id: "picture",
    layoutOptions: OPTIONS,
    children: picture.nodes.map((n) => ({
      id: n.id,
      width: Math.ceil(Math.max(shorten(n.title).length * TITLE_CHAR, subtitle(n).length * TEXT_CHAR) + 24),
      height: 42,
    })),
    edges: picture.edges.map((e, i): ElkExtendedEdge => ({
      id: `e${i}`,
      sources: [e.from],
      targets: [e.to],
      ...(e.label ? { labels: [{ text: e.label, width: Math.ceil(e.label.length * TEXT_CHAR + 8), height: 16 }] } : {}),
    })),
  };
  const laid = await new ELK().layout(graph);
  const nodes = (laid.children ?? []).map((c) => ({
    x: c.x!,
    y: c.y!,
    width: c.width!,
    height: c.height!,
    node: byId.get(c.id)!,
    subtitle: subtitle(byId.get(c.id)!),
  }));
  const edges = (laid.edges ?? []).map((e, i) => {
    const section = e.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    const label = e.labels?.[0];
    return {
      points,
      label: label ? { x: label.x!, y: label.y!, width: label.width!, height: label.height!, text: label.text! } : null,
      synthetic: picture.edges[i]!.synthetic,
    };
  });
  return { width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), nodes, edges, truncated: picture.truncated };
}

export { shorten };

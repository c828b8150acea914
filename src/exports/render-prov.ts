import type { ProvDocument } from "./prov-document.js";
import { renderProvJson } from "./prov-json.js";
import { renderProvN } from "./prov-n.js";
import { renderProvTurtle } from "./prov-turtle.js";

export type ProvFormat = "PROV_JSON" | "PROV_N" | "TURTLE";

/** Per format: the media type (PROV-N's is registered in its Recommendation, Appendix A) and the file extension. */
export const PROV_FILES: Record<ProvFormat, { contentType: string; extension: string }> = {
  PROV_JSON: { contentType: "application/json; charset=utf-8", extension: "json" },
  PROV_N: { contentType: "text/provenance-notation; charset=utf-8", extension: "provn" },
  TURTLE: { contentType: "text/turtle; charset=utf-8", extension: "ttl" },
};

export function renderProv(doc: ProvDocument, format: ProvFormat): string {
  switch (format) {
    case "PROV_JSON":
      return renderProvJson(doc);
    case "PROV_N":
      return renderProvN(doc);
    case "TURTLE":
      return renderProvTurtle(doc);
    default: {
      const never: never = format;
      throw new Error(`unknown PROV format ${String(never)}`);
    }
  }
}

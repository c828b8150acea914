/**
 * Validation of one received OpenLineage event against the official JSON Schemas kept in
 * spec/openlineage/ (spec 1-0-3 and 2-0-2, and the facet schemas of the facets provgraph reads)
 * and provgraph's own facet schemas in spec/facets/1-0-0/. Compiled once at start-up; a refusal
 * names the offending field by its JSON pointer.
 *
 * One departure from the letter of the spec: `format: uri` (on `producer`, `_producer`,
 * `_schemaURL`) is not enforced, since Feast 0.67 sends `_producer: "feast"` and `""`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { badInput } from "../domain/errors.js";
import { isOneOf } from "../domain/vocabulary.js";
import { ROOT } from "../paths.js";

const OPENLINEAGE_DIR = join(ROOT, "spec", "openlineage");
export const FACETS_DIR = join(ROOT, "spec", "facets", "1-0-0");
export const PROVGRAPH_FACETS = ["ProvgraphGenerationRunFacet", "ProvgraphOriginDatasetFacet", "ProvgraphFeatureServiceJobFacet"] as const;

/** Deeper than this is refused before anything else reads the event (a real event nests about 8 deep). */
export const MAX_NESTING = 64;

const read = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as Record<string, unknown>;

type Location = "run" | "job" | "dataset" | "input";

/** Which facet schemas apply where (each constrains only its own facet name). */
const FACETS: Record<Location, string[]> = {
  run: ["ParentRunFacet", "ProvgraphGenerationRunFacet"],
  job: ["ProvgraphFeatureServiceJobFacet"],
  dataset: ["SchemaDatasetFacet", "DocumentationDatasetFacet", "DataQualityAssertionsDatasetFacet", "ProvgraphOriginDatasetFacet"],
  input: ["DataQualityAssertionsDatasetFacet"],
};

export interface EventValidator {
  /** Throws BAD_USER_INPUT naming the first offending field. */
  validate(event: unknown): asserts event is Record<string, unknown>;
}

function describe(error: ErrorObject, where: string): string {
  const path = `${where}${error.instancePath}`;
  if (error.keyword === "required") return `${path}/${(error.params as { missingProperty: string }).missingProperty} is missing`;
  if (error.keyword === "enum") return `${path} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  if (error.keyword === "not") return `${path || "the event"} mixes the members of two event types`;
  return `${path || "the event"} ${error.message ?? "is not valid"}`;
}

/** The deepest nesting of `value` (iteratively, so a hostile event cannot exhaust the stack), capped. */
function nestingOver(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth > limit) return true;
    for (const member of Object.values(item)) stack.push([member, depth + 1]);
  }
  return false;
}

export function createEventValidator(): EventValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats.default(ajv, ["date-time", "uuid"]);
  ajv.addFormat("uri", true);
  for (const version of ["1-0-3", "2-0-2"]) ajv.addSchema(read(OPENLINEAGE_DIR, `OpenLineage-${version}`));
  const compiled = new Map<string, ValidateFunction>();
  const facet = (name: string) => {
    if (!compiled.has(name)) compiled.set(name, ajv.compile(read(isOneOf(PROVGRAPH_FACETS, name) ? FACETS_DIR : OPENLINEAGE_DIR, name)));
    return compiled.get(name)!;
  };
  const facetValidators = Object.fromEntries(Object.entries(FACETS).map(([where, names]) => [where, names.map(facet)])) as Record<
    Location,
    ValidateFunction[]
  >;
  const ref = (version: string, def: string) =>
    ajv.compile({ $ref: `https://openlineage.io/spec/${version}/OpenLineage.json#/$defs/${def}` });
  const v1 = ref("1-0-3", "RunEvent");
  const v2 = { RunEvent: ref("2-0-2", "RunEvent"), DatasetEvent: ref("2-0-2", "DatasetEvent"), JobEvent: ref("2-0-2", "JobEvent") };

  const check = (fn: ValidateFunction, value: unknown, where: string) => {
    if (!fn(value)) throw badInput(`OpenLineage event refused: ${describe(fn.errors![0]!, where)}`);
  };

  return {
    validate(event: unknown): asserts event is Record<string, unknown> {
      if (event === null || typeof event !== "object" || Array.isArray(event))
        throw badInput("OpenLineage event refused: the body must be one JSON object");
      if (nestingOver(event, MAX_NESTING)) throw badInput(`OpenLineage event refused: it nests deeper than ${MAX_NESTING} levels`);
      const e = event as Record<string, unknown>;
      const spec1 = typeof e.schemaURL === "string" && /\/spec\/1-\d+-\d+\//.test(e.schemaURL);
      const type = e.dataset !== undefined ? "DatasetEvent" : e.run !== undefined || spec1 ? "RunEvent" : "JobEvent";
      check(spec1 ? v1 : v2[type], event, "");
      const facetsAt = (where: Location, holder: unknown, path: string, key = "facets") => {
        const facets = (holder as Record<string, unknown> | undefined)?.[key];
        if (facets && typeof facets === "object") for (const fn of facetValidators[where]) check(fn, facets, `${path}/${key}`);
      };
      facetsAt("run", e.run, "/run");
      facetsAt("job", e.job, "/job");
      facetsAt("dataset", e.dataset, "/dataset");
      for (const side of ["inputs", "outputs"] as const) {
        (Array.isArray(e[side]) ? (e[side] as unknown[]) : []).forEach((dataset, i) => {
          facetsAt("dataset", dataset, `/${side}/${i}`);
          if (side === "inputs") facetsAt("input", dataset, `/${side}/${i}`, "inputFacets");
        });
      }
    },
  };
}

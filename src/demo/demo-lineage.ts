/**
 * The demo's pipeline lineage (DOMAIN.md 9), sent as OpenLineage events through the path POST
 * /api/v1/lineage takes: a helpdesk export declared REAL, a table of LLM-written tickets (its run
 * carries provgraph_generation: GENERATED), a dbt model unioning them (MIXED by propagation, with
 * its dbt test as a DATA_QUALITY check), a curated model over the union that someone declared
 * REAL (a conflict), and a ticket router trained on the curated table, whose ORIGIN_TAGGED fails
 * naming it. Fixed run ids and times: loading it twice changes nothing.
 */
import { auditedWrite } from "../services/audited-write.js";
import { declareAssetOrigin } from "../services/asset-statements.js";
import { ingestLineageEvents, knownIds, receivedEvent } from "../services/ingest-lineage-event.js";
import { registerModelVersion } from "../services/register-model-version.js";
import type { Executor } from "../store/executor.js";
import type { WriteQueue } from "../store/write-queue.js";

export const DEMO_WAREHOUSE = "postgres://warehouse.demo:5432";
export const DEMO_TABLES = {
  export: "helpdesk.raw.tickets_export",
  llm: "helpdesk.raw.tickets_llm",
  training: "helpdesk.analytics.training_tickets",
  curated: "helpdesk.analytics.curated_tickets",
} as const;
export const DEMO_ROUTER = "demo:ticket-router:v1";

const PRODUCER = "https://github.com/provgraph/provgraph/demo";
const SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
/** Where `npm start` serves provgraph's facet schemas. */
const FACETS = "http://127.0.0.1:4000/spec/facets/1-0-0";
const facet = (name: string, body: Record<string, unknown>) => ({ _producer: PRODUCER, _schemaURL: `${SPEC}#/$defs/${name}`, ...body });
const schema = facet("SchemaDatasetFacet", {
  fields: [
    { name: "id", type: "integer" },
    { name: "text", type: "text" },
    { name: "queue", type: "text" },
  ],
});
const table = (name: string, facets: Record<string, unknown> = {}) => ({ namespace: DEMO_WAREHOUSE, name, facets: { schema, ...facets } });

/** A COMPLETE RunEvent of a job of the demo's dbt project. */
function completed(runId: string, job: string, minute: number, inputs: string[], output: object, runFacets: Record<string, unknown> = {}) {
  return {
    eventType: "COMPLETE",
    eventTime: `2026-11-20T06:${String(minute).padStart(2, "0")}:00.000Z`,
    run: { runId, facets: runFacets },
    job: { namespace: "demo-pipelines", name: job },
    inputs: inputs.map((name) => ({ namespace: DEMO_WAREHOUSE, name })),
    outputs: [output],
    producer: PRODUCER,
    schemaURL: `${SPEC}#/$defs/RunEvent`,
  };
}

export const DEMO_EVENTS: Array<Record<string, unknown>> = [
  {
    eventTime: "2026-11-20T05:00:00.000Z",
    dataset: table(DEMO_TABLES.export, {
      provgraph_origin: {
        _producer: PRODUCER,
        _schemaURL: `${FACETS}/ProvgraphOriginDatasetFacet.json#/$defs/ProvgraphOriginDatasetFacet`,
        origin: "REAL",
        note: "helpdesk export, 2025",
      },
    }),
    producer: PRODUCER,
    schemaURL: `${SPEC}#/$defs/DatasetEvent`,
  },
  completed("0193a3c0-0000-7000-8000-000000000001", "generate_llm_tickets", 10, [], table(DEMO_TABLES.llm), {
    provgraph_generation: {
      _producer: PRODUCER,
      _schemaURL: `${FACETS}/ProvgraphGenerationRunFacet.json#/$defs/ProvgraphGenerationRunFacet`,
      generationRunId: "demo:run:llm-tickets",
      generator: { id: "demo:gen:ticket-writer", name: "Ticket writer", kind: "LLM", version: "2026-09", model: "gpt-4o-mini" },
      purpose: "AUGMENTATION",
    },
  }),
  completed(
    "0193a3c0-0000-7000-8000-000000000002",
    "helpdesk.analytics.training_tickets",
    20,
    [DEMO_TABLES.export, DEMO_TABLES.llm],
    table(DEMO_TABLES.training, {
      dataQualityAssertions: facet("DataQualityAssertionsDatasetFacet", {
        assertions: [{ assertion: "not_null_training_tickets_id", success: true, column: "id" }],
      }),
    }),
  ),
  completed(
    "0193a3c0-0000-7000-8000-000000000003",
    "helpdesk.analytics.curated_tickets",
    30,
    [DEMO_TABLES.training],
    table(DEMO_TABLES.curated),
  ),
];

export async function loadDemoLineage(executor: Executor, queue: WriteQueue): Promise<void> {
  const events = DEMO_EVENTS.map(receivedEvent);
  await auditedWrite(executor, queue, "demo", "openLineageEvent", {
    prepare: (run) => knownIds(run, events),
    apply: (scope, known) => ingestLineageEvents(scope, "demo", events, known),
  });
  const curated = { namespace: DEMO_WAREHOUSE, name: DEMO_TABLES.curated };
  await auditedWrite(executor, queue, "demo", "declareAssetOrigin", {
    apply: (scope) => declareAssetOrigin(scope, "demo", { asset: curated, origin: "REAL", note: "relabelled after curation" }),
  });
  await auditedWrite(
    executor,
    queue,
    "demo",
    "registerModelVersion",
    registerModelVersion({
      id: DEMO_ROUTER,
      modelId: "demo:model:ticket-router",
      modelName: "Ticket router",
      kind: "MODEL",
      version: "v1",
      trainedOnDatasetVersionIds: [],
      trainedOnAssets: [curated],
      trainingRunId: `${DEMO_ROUTER}:training`,
    }),
  );
}

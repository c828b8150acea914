"""Sends a small pipeline's lineage to provgraph with openlineage-python's own client.

Usage: openlineage_client_events.py <server url> <api key> <namespace>

Its HttpTransport with `api_key` auth posts to <url>/api/v1/lineage. The pipeline: a parent run
`pipeline` around a generation run (`generate`, with the provgraph_generation run facet) that
writes `raw_synthetic`, and a cleaning run (`clean`, a child of `pipeline`) that reads it and
`raw_real` (declared REAL with the provgraph_origin dataset facet) and writes `clean`. The
cleaning run's COMPLETE is sent before its START, and once more as a duplicate. Prints, as JSON,
the run ids and the HTTP status of every post, in order.
"""

import json
import sys
from datetime import datetime, timedelta, timezone

import attr
from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import DatasetFacet, RunFacet, parent_run, schema_dataset
from openlineage.client.transport.http import ApiKeyTokenProvider, HttpConfig, HttpTransport
from openlineage.client.uuid import generate_new_uuid

URL, KEY, NAMESPACE = sys.argv[1], sys.argv[2], sys.argv[3]
PRODUCER = "https://github.com/provgraph/tests/openlineage-client"


@attr.define
class ProvgraphGenerationRunFacet(RunFacet):
    generationRunId: str
    generator: dict
    purpose: str

    @staticmethod
    def _get_schema() -> str:
        return f"{URL}/spec/facets/1-0-0/ProvgraphGenerationRunFacet.json#/$defs/ProvgraphGenerationRunFacet"


@attr.define
class ProvgraphOriginDatasetFacet(DatasetFacet):
    origin: str
    note: str

    @staticmethod
    def _get_schema() -> str:
        return f"{URL}/spec/facets/1-0-0/ProvgraphOriginDatasetFacet.json#/$defs/ProvgraphOriginDatasetFacet"


# A generous timeout: a cold server plans its statements on first use.
transport = HttpTransport(HttpConfig(url=URL, auth=ApiKeyTokenProvider({"api_key": KEY}), timeout=120.0, retry={"total": 0}))
client = OpenLineageClient(transport=transport)
statuses: list[int] = []
T0 = datetime(2026, 11, 23, 10, 0, 0, tzinfo=timezone.utc)


def at(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def send(event: RunEvent) -> None:
    client.emit(event)  # raises on a refusal, but drops the response


def send_checked(event: RunEvent) -> None:
    # The transport's response tells 201 (accepted) from 200 (already received).
    statuses.append(transport.emit(event).status_code)


schema = schema_dataset.SchemaDatasetFacet(fields=[schema_dataset.SchemaDatasetFacetFields(name="id", type="INTEGER"), schema_dataset.SchemaDatasetFacetFields(name="text", type="VARCHAR")])
raw_synthetic = OutputDataset(NAMESPACE, "raw_synthetic", facets={"schema": schema})
raw_real = InputDataset(NAMESPACE, "raw_real", facets={"provgraph_origin": ProvgraphOriginDatasetFacet(origin="REAL", note="support tickets exported from the helpdesk")})
clean = OutputDataset(NAMESPACE, "clean", facets={"schema": schema})

pipeline_run, generate_run, clean_run = (str(generate_new_uuid()) for _ in range(3))
pipeline_job, generate_job, clean_job = Job(NAMESPACE, "pipeline"), Job(NAMESPACE, "generate"), Job(NAMESPACE, "clean")
parent = {"parent": parent_run.ParentRunFacet(run=parent_run.Run(runId=pipeline_run), job=parent_run.Job(namespace=NAMESPACE, name="pipeline"))}
generation = {
    "provgraph_generation": ProvgraphGenerationRunFacet(
        generationRunId=f"{NAMESPACE}-gen-run",
        generator={"id": f"{NAMESPACE}-llm", "name": "ticket writer", "kind": "LLM", "version": "2026-11", "model": "gpt-4o"},
        purpose="DOMAIN_SYNTHESIS",
    ),
    **parent,
}

send_checked(RunEvent(eventType=RunState.START, eventTime=at(0), run=Run(pipeline_run), job=pipeline_job, producer=PRODUCER))
send_checked(RunEvent(eventType=RunState.START, eventTime=at(1), run=Run(generate_run, facets=generation), job=generate_job, outputs=[raw_synthetic], producer=PRODUCER))
send(RunEvent(eventType=RunState.COMPLETE, eventTime=at(2), run=Run(generate_run, facets=generation), job=generate_job, outputs=[raw_synthetic], producer=PRODUCER))
complete = RunEvent(eventType=RunState.COMPLETE, eventTime=at(5), run=Run(clean_run, facets=parent), job=clean_job, inputs=[InputDataset(NAMESPACE, "raw_synthetic"), raw_real], outputs=[clean], producer=PRODUCER)
send_checked(complete)  # before its START
send_checked(RunEvent(eventType=RunState.START, eventTime=at(3), run=Run(clean_run, facets=parent), job=clean_job, inputs=[InputDataset(NAMESPACE, "raw_synthetic"), raw_real], outputs=[clean], producer=PRODUCER))
send_checked(complete)  # the same event again
send_checked(RunEvent(eventType=RunState.COMPLETE, eventTime=at(6), run=Run(pipeline_run), job=pipeline_job, producer=PRODUCER))
print(json.dumps({"pipeline": pipeline_run, "generate": generate_run, "clean": clean_run, "statuses": statuses}))

"""Great Expectations results as OpenLineage, through GX's own integration.

  gx_openlineage.py <server url> <api key> <namespace>

Validates a small pandas frame with GX 1.x (id not null: fails once; n's mean in [0, 10]:
passes), turns the result into input facets with OpenLineage's `OpenLineageValidationAction`
(`results_facet`, what the action attaches to each validated dataset) and sends a COMPLETE event
of a `tickets_quality` run reading `tickets` with them, through openlineage-python's client.
A GX 1.x checkpoint cannot hold that action (it saves itself, and the action's client does not
serialise), so the action's facets travel in an event of our own. Prints the run id as JSON.
"""

import json
import sys
import uuid
from datetime import datetime, timezone

import great_expectations as gx
import pandas as pd
from openlineage.client import OpenLineageClient, OpenLineageClientOptions
from openlineage.client.run import InputDataset, Job, Run, RunEvent, RunState
from openlineage.common.provider.great_expectations import OpenLineageValidationAction

url, key, namespace = sys.argv[1:4]
context = gx.get_context(mode="ephemeral")
batch = (
    context.data_sources.add_pandas("tickets")
    .add_dataframe_asset("tickets_frame")
    .add_batch_definition_whole_dataframe("all")
    .get_batch(batch_parameters={"dataframe": pd.DataFrame({"id": [1, 2, None], "n": [1, 2, 3]})})
)
suite = context.suites.add(gx.ExpectationSuite(name="tickets_suite"))
suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="id"))
suite.add_expectation(gx.expectations.ExpectColumnMeanToBeBetween(column="n", min_value=0, max_value=10))
result = batch.validate(suite)

action = OpenLineageValidationAction(name="provgraph", openlineage_host=url, openlineage_apiKey=key, openlineage_namespace=namespace)
facets = action.results_facet(result)
assert facets is not None and "greatExpectations_assertions" in facets, facets

run_id = str(uuid.uuid4())
client = OpenLineageClient(url=url, options=OpenLineageClientOptions(api_key=key))
client.emit(
    RunEvent(
        eventType=RunState.COMPLETE,
        eventTime=datetime.now(timezone.utc).isoformat(),
        run=Run(run_id),
        job=Job(namespace, "tickets_quality"),
        inputs=[InputDataset(namespace, "tickets", inputFacets=facets)],
        producer="https://github.com/OpenLineage/OpenLineage/tree/1.54.0/integration/common",
    )
)
print(json.dumps({"runId": run_id}))

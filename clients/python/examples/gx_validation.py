"""Validate a generation run's output with Great Expectations and record the result in provgraph.

    python gx_validation.py [id-prefix]

Prints one line per recorded check.
"""

import sys

import great_expectations as gx
import pandas as pd

import provgraph.gx
from provgraph import Client

prefix = sys.argv[1] if len(sys.argv) > 1 else "example-"
client = Client()
client.register_generator(id=f"{prefix}llm", name="ticket writer", kind="LLM", version="2024-06", model="gpt-4o")
client.record_generation_run(id=f"{prefix}gen-run", generator_id=f"{prefix}llm", purpose="AUGMENTATION")

# What the run generated, and one column's reference distribution from the real data.
generated = pd.DataFrame({"length": [120, 95, 143, 88, 131, 102], "topic": ["billing", "login", "billing", "login", "billing", "login"]})
context = gx.get_context(mode="ephemeral")
batch = context.data_sources.add_pandas("generated").add_dataframe_asset("tickets").add_batch_definition_whole_dataframe("all").get_batch(batch_parameters={"dataframe": generated})
suite = gx.ExpectationSuite(name="generated tickets")
suite.add_expectation(gx.expectations.ExpectColumnMeanToBeBetween(column="length", min_value=80, max_value=160))
suite.add_expectation(gx.expectations.ExpectColumnKLDivergenceToBeLessThan(column="topic", partition_object={"values": ["billing", "login"], "weights": [0.5, 0.5]}, threshold=0.1))

checks = provgraph.gx.record_validation(client, batch.validate(suite), f"{prefix}gen-run")
for check in checks:
    print(f"{check.kind.value:<22} {check.metric:<55} value {check.value:g} passed {check.passed}")

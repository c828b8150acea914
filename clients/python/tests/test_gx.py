"""provgraph.gx.record_validation: a real Great Expectations 1.x suite on a pandas DataFrame, its
JSON, and 0.18-shaped JSON, recorded as ValidationChecks on a generation run."""

from __future__ import annotations

import json
from typing import Any

import great_expectations as gx
import pandas as pd

import provgraph.gx
from conftest import counts, run_example
from provgraph import Client

CHECKS = "query($id: ID!) { generationRun(id: $id) { checks { id kind metric value threshold passed subjectId } } }"


def run(client: Client, p: str) -> str:
    client.register_generator(id=f"{p}gen", name="g", kind="LLM", version="1")
    client.record_generation_run(id=f"{p}run", generator_id=f"{p}gen", purpose="AUGMENTATION")
    return f"{p}run"


def validate() -> Any:
    frame = pd.DataFrame({"amount": [10.0, 20.0, 30.0, 40.0], "topic": ["a", "a", "b", "b"], "slice": ["x", "y", None, "x"]})
    context = gx.get_context(mode="ephemeral")
    batch = context.data_sources.add_pandas("frame").add_dataframe_asset("rows").add_batch_definition_whole_dataframe("all").get_batch(batch_parameters={"dataframe": frame})
    suite = gx.ExpectationSuite(name="generated rows")
    suite.add_expectation(gx.expectations.ExpectColumnMeanToBeBetween(column="amount", min_value=0, max_value=100))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="slice"))  # fails on purpose: one slice is missing
    suite.add_expectation(gx.expectations.ExpectColumnKLDivergenceToBeLessThan(column="topic", partition_object={"values": ["a", "b"], "weights": [0.5, 0.5]}, threshold=0.1))
    return batch.validate(suite)


def test_a_gx_1_result_object(client: Client, p: str) -> None:
    subject = run(client, p)
    result = validate()
    checks = provgraph.gx.record_validation(client, result, subject)
    # mean(10, 20, 30, 40) = 25 in [0, 100], threshold the first of threshold / max_value: 100;
    # one null slice of four fails; topic a/b at 1/2 each against 1/2, 1/2: KL = 0 < 0.1.
    assert [(c.metric, c.kind, c.value, c.threshold, c.passed) for c in checks] == [
        ("expect_column_mean_to_be_between(amount)", "DATA_QUALITY", 25.0, 100.0, True),
        ("expect_column_values_to_not_be_null(slice)", "DATA_QUALITY", 0.0, 0.0, False),
        ("expect_column_kl_divergence_to_be_less_than(topic)", "DISTRIBUTION_ALIGNMENT", 0.0, 0.1, True),
    ]
    stored = client.query(CHECKS, id=subject)["generationRun"]["checks"]
    assert sorted((c["id"], c["passed"]) for c in stored) == sorted((c.id, c.passed) for c in checks)
    assert {c["subjectId"] for c in stored} == {subject}

    # The same result again: the same ids, nothing written.
    before = counts(client)
    assert [c.id for c in provgraph.gx.record_validation(client, result, subject)] == [c.id for c in checks]
    assert counts(client) == before
    # Its JSON text is the same result: the same checks.
    assert [c.id for c in provgraph.gx.record_validation(client, json.dumps(result.to_json_dict()), subject)] == [c.id for c in checks]


def test_0_18_shaped_json_and_an_explicit_kind(client: Client, p: str) -> None:
    subject = run(client, p)
    legacy = {
        "success": False,
        "results": [
            {"success": True, "expectation_config": {"expectation_type": "expect_column_values_to_be_between", "kwargs": {"column": "age", "min_value": 0, "max_value": 120}}, "result": {"observed_value": None}},
            {"success": False, "expectation_config": {"expectation_type": "expect_table_row_count_to_equal", "kwargs": {"value": 500}}, "result": {"observed_value": 498}},
        ],
        "meta": {"great_expectations_version": "0.18.19"},
    }
    checks = provgraph.gx.record_validation(client, legacy, subject, kind={"expect_table_row_count_to_equal": "DOWNSTREAM_REAL_HOLDOUT"})
    # The first: no numeric observed value (0), threshold max_value 120; the second: observed 498, threshold value 500.
    assert [(c.metric, c.kind, c.value, c.threshold, c.passed) for c in checks] == [
        ("expect_column_values_to_be_between(age)", "DATA_QUALITY", 0.0, 120.0, True),
        ("expect_table_row_count_to_equal", "DOWNSTREAM_REAL_HOLDOUT", 498.0, 500.0, False),
    ]


def test_the_gx_example(client: Client, p: str) -> None:
    result = run_example("gx_validation.py", p)
    assert result.returncode == 0, result.stdout + result.stderr
    stored = client.query(CHECKS, id=f"{p}gen-run")["generationRun"]["checks"]
    # Mean length (120 + 95 + 143 + 88 + 131 + 102) / 6 = 113.17 within [80, 160]; topics 3/3: KL 0.
    assert sorted((c["metric"], c["passed"]) for c in stored) == [("expect_column_kl_divergence_to_be_less_than(topic)", True), ("expect_column_mean_to_be_between(length)", True)]
    assert abs(next(c["value"] for c in stored if "mean" in c["metric"]) - 679 / 6) < 1e-9

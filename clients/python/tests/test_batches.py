"""The batch writes: DataFrames, Hugging Face datasets and iterables of dicts, split into batches
of 10,000, summed into one summary; a refused batch names itself and its item."""

from __future__ import annotations

import datasets
import numpy as np
import pandas as pd
import pytest

from conftest import counts
from provgraph import BadInputError, Client, ConflictError

N = 25_000


def frame(p: str, n: int = N) -> pd.DataFrame:
    """n samples: every 5th SYNTHETIC from one run (generationRunId NaN elsewhere = absent), every
    7th without a slice (None = absent), snake_case and GraphQL column names mixed."""
    synthetic = np.arange(n) % 5 == 4
    return pd.DataFrame(
        {
            "id": [f"{p}{i:06d}" for i in range(n)],
            "origin": np.where(synthetic, "SYNTHETIC", "REAL"),
            "generation_run_id": np.where(synthetic, f"{p}run", None),
            "slice": [None if i % 7 == 0 else f"slice-{i % 3}" for i in range(n)],
            "contentHash": [f"h{i}" for i in range(n)],
            "kind": "RECORD",
        }
    ).replace({None: np.nan})


def test_a_dataframe_in_three_batches_then_unchanged(client: Client, p: str) -> None:
    client.register_generator(id=f"{p}gen", name="g", kind="SIMULATOR", version="1")
    client.record_generation_run(id=f"{p}run", generator_id=f"{p}gen", purpose="SCENARIO_SIMULATION")
    samples_before, events_before = counts(client)
    data = frame(p)

    summary = client.ingest_samples(data)
    # 25,000 = 10,000 + 10,000 + 5,000: three batches, every sample new.
    assert (summary.created, summary.unchanged, summary.violations, summary.batches) == (N, 0, [], 3)
    # One audit event per created sample (DOMAIN.md 5).
    assert counts(client) == (samples_before + N, events_before + N)

    again = client.ingest_samples(data)
    assert (again.created, again.unchanged, again.batches) == (0, N, 3)
    # An unchanged write appends nothing.
    assert counts(client) == (samples_before + N, events_before + N)

    # NaN was absent: sample 0 has no slice (0 % 7 == 0) and no run; sample 4 has the run.
    first, fifth = client.sample(f"{p}000000"), client.sample(f"{p}000004")
    assert first is not None and (first.slice, first.generation_run_id, first.content_hash, first.kind) == (None, None, "h0", "RECORD")
    assert fifth is not None and (fifth.origin, fifth.generation_run_id, fifth.slice) == ("SYNTHETIC", f"{p}run", "slice-1")
    # 25,000 / 5 = 5,000 synthetic samples from the run.
    assert client.composition(f"{p}run").synthetic == 5_000


def test_a_hugging_face_dataset(client: Client, p: str) -> None:
    rows = [{"id": f"{p}{i}", "origin": "REAL", "slice": None if i == 1 else "qa", "attributes": {"lang": "en", "n": i}} for i in range(3)]
    dataset = datasets.Dataset.from_list(rows)
    summary = client.ingest_samples(dataset, batch_size=2)
    # 3 rows in batches of 2: two batches.
    assert (summary.created, summary.batches) == (3, 2)
    second = client.sample(f"{p}1")
    assert second is not None and second.slice is None and second.attributes == {"lang": "en", "n": 1}


def test_labels_and_membership_in_batches(client: Client, p: str) -> None:
    client.ingest_samples({"id": f"{p}{i}", "origin": "REAL"} for i in range(30))
    client.register_labeler(id=f"{p}ann", name="Ann", kind="HUMAN_EXPERT")
    labels = pd.DataFrame({"id": [f"{p}l{i}" for i in range(30)], "sample_id": [f"{p}{i}" for i in range(30)], "labeler_id": f"{p}ann", "value": "ok", "confidence": [0.5 if i % 2 else np.nan for i in range(30)]})
    assert client.record_labels(labels, batch_size=8).created == 30
    client.create_dataset(id=f"{p}ds", name="eval", purpose="EVALUATION")
    client.create_dataset_version(id=f"{p}v", dataset_id=f"{p}ds", version="1")
    ids = pd.Series([f"{p}{i}" for i in range(30)])
    # 30 ids in batches of 8: 8 + 8 + 8 + 6, four batches; again: all unchanged.
    assert (s := client.add_samples_to_version(f"{p}v", ids, batch_size=8)).created == 30 and s.batches == 4
    assert client.add_samples_to_version(f"{p}v", ids.tolist()).unchanged == 30
    assert client.composition(f"{p}v").total == 30


def test_violations_are_summed_over_batches(client: Client, p: str) -> None:
    client.register_generator(id=f"{p}gen", name="g", kind="LLM", version="1")
    client.record_generation_run(id=f"{p}run", generator_id=f"{p}gen", purpose="AUGMENTATION")
    client.ingest_samples([{"id": f"{p}s{i}", "origin": "SYNTHETIC", "generationRunId": f"{p}run"} for i in range(3)])
    client.create_dataset(id=f"{p}ds", name="pre", purpose="PRETRAINING")
    client.create_dataset_version(id=f"{p}v", dataset_id=f"{p}ds", version="1")
    summary = client.add_samples_to_version(f"{p}v", [f"{p}s{i}" for i in range(3)], batch_size=2)
    # AUDIT (the default) records all 3 SYNTHETIC samples in a PRETRAINING version, over 2 batches.
    assert summary.created == 3 and len(summary.violations) == 3
    assert all(v.startswith(f"{p}s") and f"{p}v" in v for v in summary.violations)


def test_a_refused_batch_names_the_batch_and_item(client: Client, p: str) -> None:
    client.ingest_samples([{"id": f"{p}5", "origin": "REAL", "slice": "a"}])
    rows = [{"id": f"{p}{i}", "origin": "REAL"} for i in range(8)]
    rows[5]["slice"] = "b"  # sample 5 exists with slice "a": a CONFLICT
    before = counts(client)
    with pytest.raises(ConflictError) as refused:
        client.ingest_samples(rows, batch_size=3)
    # Batches [0-2] [3-5] [6-7]: the second (index 1) is refused at item 5; the first stays written.
    assert (refused.value.batch, refused.value.item, refused.value.code) == (1, 5, "CONFLICT")
    assert f"'{p}5'" in refused.value.message and "(batch 1, item 5)" in str(refused.value)
    assert counts(client)[0] == before[0] + 3


def test_an_unknown_field_is_refused_before_it_is_sent(client: Client, p: str) -> None:
    before = counts(client)
    with pytest.raises(BadInputError, match="unknown field 'colour'") as refused:
        client.ingest_samples([{"id": f"{p}0", "origin": "REAL"}, {"id": f"{p}1", "origin": "REAL", "colour": "red"}])
    assert (refused.value.batch, refused.value.item) == (0, 1)
    with pytest.raises(BadInputError, match="unknown column 'colour'"):
        client.ingest_samples(pd.DataFrame({"id": [f"{p}2"], "origin": ["REAL"], "colour": ["red"]}))
    assert counts(client) == before


def test_a_value_json_cannot_hold_is_refused_before_it_is_sent(client: Client, p: str) -> None:
    before = counts(client)
    with pytest.raises(BadInputError, match="cannot be sent as JSON") as refused:
        client.ingest_samples([{"id": f"{p}0", "origin": "REAL", "attributes": {"score": float("nan")}}])
    assert refused.value.batch == 0
    assert counts(client) == before

"""The client object: configuration, raw queries, the typed methods and their results."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from conftest import ROOT, trained_model
from provgraph import CheckStatus, Client, Composition, Direction, GeneratorKind, Origin, ReadinessReport
from provgraph._generated import Operations


def test_reads_url_and_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROVGRAPH_URL", "http://example.invalid:4000")
    monkeypatch.setenv("PROVGRAPH_API_KEY", "k-1")
    c = Client()
    # A URL without a path gets /graphql; the routes live at its root.
    assert (c.url, c.base_url, c.api_key, c.timeout) == ("http://example.invalid:4000/graphql", "http://example.invalid:4000", "k-1", 60)
    assert c.headers["authorization"] == "Bearer k-1"
    explicit = Client("http://h:1/graphql", api_key="k-2", timeout=5)
    assert (explicit.url, explicit.api_key, explicit.timeout) == ("http://h:1/graphql", "k-2", 5)


def test_query_returns_data(client: Client, p: str) -> None:
    client.register_labeler(id=f"{p}ann", name="Ann", kind="HUMAN_EXPERT", qualifications=["radiology"])
    data = client.query("query($id: ID!) { labeler(id: $id) { id name kind qualifications } }", id=f"{p}ann")
    assert data == {"labeler": {"id": f"{p}ann", "name": "Ann", "kind": "HUMAN_EXPERT", "qualifications": ["radiology"]}}


def test_typed_methods_take_snake_case_keywords_and_return_dataclasses(client: Client, p: str) -> None:
    generator = client.register_generator(id=f"{p}gen", name="writer", kind="LLM", version="3", model="gpt-4o")
    assert generator.kind is GeneratorKind.LLM and isinstance(generator.kind, str)
    assert (generator.id, generator.name, generator.model, generator.trained_as_id) == (f"{p}gen", "writer", "gpt-4o", None)
    assert dataclasses.is_dataclass(generator)

    client.ingest_samples([{"id": f"{p}seed", "origin": "REAL"}])
    started = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)
    run = client.record_generation_run(id=f"{p}run", generator_id=f"{p}gen", purpose="AUGMENTATION", seed_sample_ids=[f"{p}seed"], started_at=started, parameters={"temperature": 0.7})
    # A datetime goes out as ISO 8601 UTC with milliseconds and comes back so (DOMAIN.md 8).
    assert (run.generator_id, run.seed_ids, run.started_at, run.parameters) == (f"{p}gen", [f"{p}seed"], "2026-01-02T03:04:05.678Z", {"temperature": 0.7})
    client.ingest_samples([{"id": f"{p}para", "origin": "AUGMENTED", "generation_run_id": f"{p}run", "derived_from_ids": [f"{p}seed"]}])

    sample = client.sample(f"{p}para")
    assert sample is not None
    # Depth = 1 + its seed's 0 and its source's 0.
    assert (sample.origin, sample.generation_run_id, sample.derived_from_ids, sample.generation_depth) == (Origin.AUGMENTED, f"{p}run", [f"{p}seed"], 1)
    assert client.sample(f"{p}nothing") is None

    graph = client.lineage(f"{p}para", direction="UPSTREAM", depth=5)
    assert graph.root == f"{p}para" and graph.truncated is False
    # para -> seed (DERIVED_FROM), para -> run (GENERATED_BY), run -> gen, run -> seed (SEEDED_BY).
    assert {n.id: n.distance for n in graph.nodes} == {f"{p}para": 0, f"{p}seed": 1, f"{p}run": 1, f"{p}gen": 2}
    assert {(e.from_, e.to, e.type) for e in graph.edges} >= {(f"{p}para", f"{p}seed", "DERIVED_FROM"), (f"{p}para", f"{p}run", "GENERATED_BY")}
    assert client.lineage(f"{p}seed", Direction.DOWNSTREAM, depth=1).nodes[0].id == f"{p}seed"


def test_computed_queries_are_typed(client: Client, p: str) -> None:
    model = trained_model(client, p)
    composition = client.composition(model.model_version_id)
    assert isinstance(composition, Composition)
    # 6 REAL + 4 SYNTHETIC: ratio 4 / 10; slices billing 4 + 4 = 8 (0.8), login 2 (0.2).
    assert (composition.total, composition.real, composition.synthetic, composition.synthetic_ratio) == (10, 6, 4, 0.4)
    assert [(s.key, s.count, s.share) for s in composition.by_slice] == [("billing", 8, 0.8), ("login", 2, 0.2)]
    assert [(g.key, g.count) for g in composition.by_generator] == [(f"{p}gen", 4)]

    report = client.readiness(model.model_version_id)
    assert isinstance(report, ReadinessReport) and report.ready is False
    statuses = {c.rule: c.status for c in report.checks}
    # No evaluation: EVAL_SETS_REAL fails (DOMAIN.md 8); the declared 0.4 is the recorded 0.4.
    assert statuses["EVAL_SETS_REAL"] is CheckStatus.FAILED and statuses["RATIO_LOGGED"] is CheckStatus.PASSED
    assert len(report.checks) == 10

    html = client.auditor_report(model.model_version_id, format="HTML")
    assert "NOT READY" in html and html.lstrip().lower().startswith("<!doctype html")
    versions = client.model_version(model.model_version_id)
    assert versions is not None and versions.trained_on_ids == [model.dataset_version_id] and versions.declared_synthetic_ratio == 0.4
    version = client.dataset_version(model.dataset_version_id)
    assert version is not None and version.digest == model.digest and version.sealed_at is not None


def test_one_method_per_mutation_and_computed_query() -> None:
    names = {n for n in dir(Operations) if not n.startswith("_")} | {n for n in ("ingest_samples", "record_labels", "add_samples_to_version") if hasattr(Client, n)}
    expected = {
        "register_generator", "register_prompt_template", "record_generation_run", "register_labeler", "ingest_samples", "record_labels",
        "create_dataset", "create_dataset_version", "add_samples_to_version", "seal_dataset_version", "register_model_version",
        "record_evaluation", "record_validation_check", "record_review",
        "lineage", "impact", "composition", "generation_diversity", "readiness", "label_agreement", "audit_trail", "verify_audit_log",
        "audit_checkpoint", "audit_inclusion_proof", "audit_consistency_proof", "auditor_report",
    }
    assert expected <= names, expected - names


def test_generated_module_is_current() -> None:
    """The typed operations are generated from schema/provgraph.graphql: a schema change shows
    here until tools/generate.py is run again."""
    result = subprocess.run([sys.executable, str(ROOT / "clients/python/tools/generate.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

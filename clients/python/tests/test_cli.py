"""The command line: python -m provgraph readiness / report / verify-audit, and the quickstart."""

from __future__ import annotations

import os
import subprocess
import sys
import json
from pathlib import Path

from conftest import run_example, trained_model
from provgraph import Client
from provgraph.audit import consistency_valid, signature_valid


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "provgraph", *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120)


def test_readiness_exits_1_with_the_failed_rules_on_stderr(client: Client, p: str) -> None:
    model = trained_model(client, p)
    result = cli("readiness", model.model_version_id)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"NOT READY: {model.model_version_id}"
    failed = {line.split()[1].rstrip(":") for line in result.stderr.splitlines()}
    assert failed == {c.rule for c in client.readiness(model.model_version_id).checks if c.status == "FAILED"}
    # No evaluation and no review (DOMAIN.md 8): EVAL_SETS_REAL and APPROVED are among them.
    assert {"EVAL_SETS_REAL", "APPROVED"} <= failed


def test_readiness_of_nothing_exits_2(p: str) -> None:
    result = cli("readiness", f"{p}nothing")
    assert result.returncode == 2 and "NOT_FOUND" in result.stderr


def test_report_to_a_file(client: Client, p: str, tmp_path: Path) -> None:
    model = trained_model(client, p)
    out = tmp_path / "report.html"
    result = cli("report", model.model_version_id, "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert html.lstrip().lower().startswith("<!doctype html") and "NOT READY" in html and model.model_version_id in html
    assert result.stdout == f"wrote {out} ({len(html.encode()):,} bytes)\n"
    markdown = cli("report", model.model_version_id, "--format", "markdown")
    assert markdown.returncode == 0 and "NOT READY" in markdown.stdout


def test_verify_audit(client: Client, tmp_path: Path) -> None:
    saved = tmp_path / "checkpoint.json"
    result = cli("verify-audit", "--checkpoint-out", str(saved))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("audit chain valid: ") and "signature valid" in result.stdout
    checkpoint = json.loads(saved.read_text())
    # The checkpoint covers every event before it; the chain's head is its last leaf.
    assert checkpoint["treeSize"] >= 1 and len(checkpoint["rootHash"]) == 64 and f"tree size {checkpoint['treeSize']:,}" in result.stdout


def test_verify_audit_since_an_older_checkpoint(client: Client, p: str, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    assert cli("verify-audit", "--checkpoint-out", str(old)).returncode == 0
    # Two new samples: two more events, so the consistency proof spans a grown tree.
    client.ingest_samples([{"id": f"{p}a", "origin": "REAL"}, {"id": f"{p}b", "origin": "REAL"}])
    grown = cli("verify-audit", "--since", str(old))
    assert grown.returncode == 0, grown.stderr
    assert "the log was only appended to" in grown.stdout

    # A checkpoint whose root was not the log's: the proof fails.
    forged = json.loads(old.read_text())
    forged["rootHash"] = "0" * 64
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    refused = cli("verify-audit", "--since", str(tmp_path / "forged.json"))
    assert refused.returncode == 1 and "NOT consistent" in refused.stderr


def test_consistency_proofs_verify_offline(client: Client, p: str) -> None:
    old = client.audit_checkpoint()
    client.ingest_samples([{"id": f"{p}{i}", "origin": "REAL"} for i in range(3)])
    new = client.audit_checkpoint()
    # Three samples, three events.
    assert new.tree_size == old.tree_size + 3
    proof = client.audit_consistency_proof(old.tree_size, new.tree_size)
    assert consistency_valid(old.tree_size, new.tree_size, old.root_hash, new.root_hash, proof.hashes)
    tampered = [proof.hashes[0][:-1] + ("0" if proof.hashes[0][-1] != "0" else "1"), *proof.hashes[1:]]
    assert not consistency_valid(old.tree_size, new.tree_size, old.root_hash, new.root_hash, tampered)
    assert not consistency_valid(old.tree_size, new.tree_size, new.root_hash, new.root_hash, proof.hashes)
    assert signature_valid(new) is True and signature_valid(old) is True


def test_an_auditor_key_is_needed_for_the_audit(reader_key: str) -> None:
    result = cli("verify-audit", env={"PROVGRAPH_API_KEY": reader_key})
    assert result.returncode == 2 and "FORBIDDEN" in result.stderr


def test_the_quickstart(client: Client, p: str) -> None:
    result = run_example("quickstart.py", p)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    # 1,000 tickets, every 4th SYNTHETIC: 250 / 1,000 = 0.25, the declared ratio.
    assert lines[0] == "ingested: 1000 created, 0 unchanged"
    assert lines[1].endswith("synthetic ratio 0.25") and lines[2] == "NOT READY"
    assert lines[-1].startswith("refused: CONFLICT: ") and f"{p}gpt" in lines[-1]
    assert client.composition(f"{p}classifier:v1").synthetic == 250

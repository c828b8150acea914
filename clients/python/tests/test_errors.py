"""An error of each code of the contract: its class, the server's message naming the item, the
request id, and nothing written."""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest

from conftest import counts
from provgraph import (
    AuthError,
    BadInputError,
    Client,
    ConflictError,
    LineageCycleError,
    NotFoundError,
    PolicyViolationError,
    ProvgraphError,
    QueryTooComplexError,
    SealedError,
)

REQUEST_ID = re.compile(r"^[0-9a-f-]{36}$")


def refused(client: Client, cls: type[ProvgraphError], code: str, call: Callable[[], Any], names: str) -> ProvgraphError:
    """`call` raises `cls` with `code`, a message quoting `names`, the request id; no sample or
    audit event is written."""
    before = counts(client)
    with pytest.raises(cls) as error:
        call()
    assert error.value.code == code
    assert names in error.value.message, error.value.message
    assert error.value.request_id and REQUEST_ID.match(error.value.request_id)
    assert counts(client) == before
    return error.value


def test_bad_user_input(client: Client, p: str) -> None:
    error = refused(client, BadInputError, "BAD_USER_INPUT", lambda: client.ingest_samples([{"id": f"{p}s", "origin": "SYNTHETIC"}]), f"'{p}s'")
    assert (error.batch, error.item) == (0, 0)


def test_not_found(client: Client, p: str) -> None:
    refused(client, NotFoundError, "NOT_FOUND", lambda: client.composition(f"{p}nothing"), f"{p}nothing")


def test_conflict(client: Client, p: str) -> None:
    client.register_generator(id=f"{p}g", name="one", kind="LLM", version="1")
    refused(client, ConflictError, "CONFLICT", lambda: client.register_generator(id=f"{p}g", name="two", kind="LLM", version="1"), f"{p}g")


def test_sealed(client: Client, p: str) -> None:
    client.ingest_samples([{"id": f"{p}a", "origin": "REAL"}, {"id": f"{p}b", "origin": "REAL"}])
    client.create_dataset(id=f"{p}ds", name="d", purpose="TRAINING")
    client.create_dataset_version(id=f"{p}v", dataset_id=f"{p}ds", version="1")
    client.add_samples_to_version(f"{p}v", [f"{p}a"])
    client.seal_dataset_version(f"{p}v")
    refused(client, SealedError, "SEALED", lambda: client.add_samples_to_version(f"{p}v", [f"{p}b"]), f"{p}v")


def test_lineage_cycle(client: Client, p: str) -> None:
    cycle = [{"id": f"{p}a", "origin": "REAL", "derived_from_ids": [f"{p}b"]}, {"id": f"{p}b", "origin": "REAL", "derived_from_ids": [f"{p}a"]}]
    refused(client, LineageCycleError, "LINEAGE_CYCLE", lambda: client.ingest_samples(cycle), f"{p}")


def test_policy_violation(client: Client, p: str) -> None:
    client.register_generator(id=f"{p}g", name="g", kind="LLM", version="1")
    client.record_generation_run(id=f"{p}r", generator_id=f"{p}g", purpose="AUGMENTATION")
    client.ingest_samples([{"id": f"{p}syn", "origin": "SYNTHETIC", "generation_run_id": f"{p}r"}])
    client.create_dataset(id=f"{p}ds", name="web text", purpose="PRETRAINING", enforcement="STRICT")
    client.create_dataset_version(id=f"{p}v", dataset_id=f"{p}ds", version="1")
    refused(client, PolicyViolationError, "POLICY_VIOLATION", lambda: client.add_samples_to_version(f"{p}v", [f"{p}syn"]), f"{p}syn")


def test_unauthenticated_and_forbidden(client: Client, reader_key: str, p: str) -> None:
    with Client(client.url, api_key="not-a-key") as stranger:
        error = refused(client, AuthError, "UNAUTHENTICATED", lambda: stranger.readiness(f"{p}x"), "")
    assert error.request_id
    with Client(client.url, api_key=reader_key) as reader:
        refused(client, AuthError, "FORBIDDEN", lambda: reader.register_labeler(id=f"{p}l", name="L", kind="LLM"), "")
        # A reader may read.
        assert reader.sample(f"{p}nothing") is None


def test_query_too_complex(client: Client) -> None:
    # 31 aliases: one over PROVGRAPH_MAX_ALIASES' default of 30.
    document = "{ " + " ".join(f"a{i}: verifyAuditLog {{ valid }}" for i in range(31)) + " }"
    refused(client, QueryTooComplexError, "QUERY_TOO_COMPLEX", lambda: client.query(document), "Aliases limit of 30")

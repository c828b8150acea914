"""Retries: a server stopped mid-ingest (the retried batch is written exactly once), and a
database that stays down (SERVICE_UNAVAILABLE after the last retry; errors of other codes are
never retried)."""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

import pytest
import requests

from conftest import ApiProcess, counts, free_port
from provgraph import Client, ConflictError, ServiceUnavailableError
from test_batches import frame


def test_a_server_stopped_mid_ingest(client: Client, api_process: Callable[..., ApiProcess], p: str) -> None:
    server = api_process()
    writer = Client(server.url, api_key=server.key, max_retries=12, backoff=0.25, max_backoff=4, progress=False)
    writer.register_generator(id=f"{p}gen", name="g", kind="SIMULATOR", version="1")
    writer.record_generation_run(id=f"{p}run", generator_id=f"{p}gen", purpose="SCENARIO_SIMULATION")
    before = counts(client)
    answers = 0
    restarted = threading.Event()

    def stop_during_the_second_batch(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        nonlocal answers
        answers += 1
        if answers == 1:  # the first batch's answer: the second batch goes out next
            def restart() -> None:
                time.sleep(0.3)
                server.kill()
                server.start()
                restarted.set()

            threading.Thread(target=restart, daemon=True).start()

    writer.session.hooks["response"].append(stop_during_the_second_batch)
    summary = writer.ingest_samples(frame(p))
    assert restarted.wait(120)
    # The second batch either committed before the kill (then its retry is 10,000 unchanged) or
    # did not (then the retry creates them): either way every sample is there once.
    assert summary.created + summary.unchanged == 25_000 and summary.batches == 3
    assert writer.retried >= 1
    # 25,000 samples and one audit event each, exactly: nothing was written twice.
    assert counts(client) == (before[0] + 25_000, before[1] + 25_000)


def test_service_unavailable_after_the_last_retry(api_process: Callable[..., ApiProcess]) -> None:
    # A server whose database never answers: it serves, and answers SERVICE_UNAVAILABLE.
    server = api_process(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", ready=False)
    c = Client(server.url, api_key=server.key, max_retries=2, backoff=0.05)
    with pytest.raises(ServiceUnavailableError) as error:
        c.readiness("anything")
    # One try and two retries.
    assert (error.value.code, c.retried) == ("SERVICE_UNAVAILABLE", 2)
    assert error.value.request_id


def test_nothing_listening_is_service_unavailable() -> None:
    c = Client(f"http://127.0.0.1:{free_port()}/graphql", max_retries=1, backoff=0.01)
    with pytest.raises(ServiceUnavailableError, match="did not answer"):
        c.verify_audit_log()
    assert c.retried == 1


def test_a_conflict_is_not_retried(client: Client, p: str) -> None:
    client.ingest_samples([{"id": f"{p}x", "origin": "REAL", "slice": "a"}])
    retried = client.retried
    with pytest.raises(ConflictError):
        client.ingest_samples([{"id": f"{p}x", "origin": "REAL", "slice": "b"}])
    assert client.retried == retried

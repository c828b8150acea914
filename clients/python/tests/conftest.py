"""Fixtures: the real provgraph server the test command started (PROVGRAPH_URL, PROVGRAPH_API_KEY,
PROVGRAPH_TEST_READER_KEY), and servers of the suite's own over the same Neo4j
(PROVGRAPH_TEST_NEO4J_URI) for the tests that stop one. Each test's ids start with its own prefix."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
import requests

from provgraph import Client

ROOT = Path(os.environ.get("PROVGRAPH_TEST_ROOT") or Path(__file__).resolve().parents[3])
EXAMPLES = ROOT / "clients/python/examples"


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run this suite through the test command (npm test), which starts the server", pytrace=False)
    return value


@pytest.fixture(scope="session")
def client() -> Iterator[Client]:
    _required("PROVGRAPH_URL")
    with Client(progress=False) as c:
        yield c


@pytest.fixture(scope="session")
def reader_key() -> str:
    return _required("PROVGRAPH_TEST_READER_KEY")


@pytest.fixture
def p(request: pytest.FixtureRequest) -> str:
    """A unique id prefix for this test's data."""
    return f"py-{request.node.name[:40]}-{uuid.uuid4().hex[:8]}-"


def counts(client: Client) -> tuple[int, int]:
    """(samples in the graph, audit events): the suite runs alone on its database, so their
    changes are this test's writes."""
    data = client.query("{ samples(first: 1) { totalCount } auditTrail(first: 1) { totalCount } }")
    return data["samples"]["totalCount"], data["auditTrail"]["totalCount"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ApiProcess:
    """The API as deployed (``node --import tsx src/main.ts``) on a fixed port, so that a test
    may kill it and start it again where its clients expect it."""

    neo4j_uri: str
    port: int
    key: str
    data_dir: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    def start(self, ready: bool = True) -> None:
        env = {
            **os.environ,
            "NEO4J_URI": self.neo4j_uri,
            "PORT": str(self.port),
            "PROVGRAPH_DATA_DIR": self.data_dir,
            "PROVGRAPH_API_KEYS": f"py-process:admin:{self.key}",
            "LOG_LEVEL": "warn",
        }
        self.process = subprocess.Popen([_node(), "--import", "tsx", "src/main.ts"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True)
        probe = "readyz" if ready else "healthz"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the API process exited with {self.process.returncode}")
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/{probe}", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"the API on port {self.port} did not answer /{probe}")

    def kill(self) -> None:
        """SIGKILL to the whole process group: no graceful stop, in-flight requests cut."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _node() -> str:
    return os.environ.get("PROVGRAPH_TEST_NODE") or "node"


@pytest.fixture
def api_process() -> Iterator[Callable[..., ApiProcess]]:
    """Starts API processes (over the test run's Neo4j unless told otherwise); kills them after."""
    started: list[ApiProcess] = []
    with tempfile.TemporaryDirectory(prefix="provgraph-py-api-") as data_dir:

        def start(neo4j_uri: str | None = None, ready: bool = True) -> ApiProcess:
            server = ApiProcess(neo4j_uri or _required("PROVGRAPH_TEST_NEO4J_URI"), free_port(), secrets.token_urlsafe(18), data_dir)
            started.append(server)
            server.start(ready)
            return server

        yield start
        for server in started:
            server.kill()


@dataclass(frozen=True)
class TrainedModel:
    """A model version trained on one sealed version of 6 REAL and 4 SYNTHETIC samples."""

    model_version_id: str
    dataset_version_id: str
    run_id: str
    digest: str


def trained_model(client: Client, p: str) -> TrainedModel:
    client.register_generator(id=f"{p}gen", name="ticket writer", kind="LLM", version="2024-06", model="gpt-4o")
    client.record_generation_run(id=f"{p}run", generator_id=f"{p}gen", purpose="DOMAIN_SYNTHESIS")
    samples = [{"id": f"{p}real-{i}", "origin": "REAL", "slice": "billing" if i < 4 else "login", "content_hash": f"r{i}"} for i in range(6)]
    samples += [{"id": f"{p}syn-{i}", "origin": "SYNTHETIC", "slice": "billing", "generation_run_id": f"{p}run", "content_hash": f"s{i}"} for i in range(4)]
    client.ingest_samples(samples)
    client.create_dataset(id=f"{p}ds", name="tickets", purpose="TRAINING")
    client.create_dataset_version(id=f"{p}ds:v1", dataset_id=f"{p}ds", version="1")
    client.add_samples_to_version(f"{p}ds:v1", [s["id"] for s in samples])
    sealed = client.seal_dataset_version(f"{p}ds:v1")
    assert sealed.digest is not None
    # Declared 0.4 = the recorded (0 + 4) / 10.
    client.register_model_version(
        id=f"{p}mv", model_id=f"{p}m", model_name="ticket classifier", kind="MODEL", version="1",
        trained_on_dataset_version_ids=[f"{p}ds:v1"], training_run_id=f"{p}tr", declared_synthetic_ratio=0.4,
    )
    return TrainedModel(f"{p}mv", f"{p}ds:v1", f"{p}run", sealed.digest)


def run_example(name: str, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Runs examples/<name> as a user would, with this environment's PROVGRAPH_URL and key."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("MLFLOW_")}  # set by mlflow.set_experiment in this process
    return subprocess.run([sys.executable, str(EXAMPLES / name), *args], capture_output=True, text=True, env={**inherited, **(env or {})}, cwd=cwd, timeout=600)

"""The command line, for scripts and CI (``python -m provgraph ...`` or ``provgraph ...``).

    provgraph readiness <model-version-id>              exit 1 when not ready; failed rules on stderr
    provgraph report <model-version-id> --format html -o report.html
    provgraph verify-audit [--checkpoint-out FILE]      the hash chain, and a signed checkpoint

The server is PROVGRAPH_URL (or --url), the key PROVGRAPH_API_KEY. Exit codes: 0 fine, 1 the
answer is "no" (not ready, the chain or the signature does not verify), 2 the request failed.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from typing import Sequence

from ._generated import AuditCheckpoint, CheckStatus
from .client import Client
from .errors import ProvgraphError

EXIT_OK, EXIT_NO, EXIT_ERROR = 0, 1, 2


def _readiness(client: Client, args: argparse.Namespace) -> int:
    report = client.readiness(args.model_version_id)
    print(f"{'READY' if report.ready else 'NOT READY'}: {report.model_version_id}")
    for check in report.checks:
        line = f"{check.status.value:<14} {check.rule}: {check.detail}"
        if check.status is CheckStatus.FAILED:
            shown = "; ".join(check.violations[:5])
            more = f" (+{check.violation_count - 5} more)" if check.violation_count > 5 else ""
            print(f"{line}{f' [{shown}{more}]' if shown else ''}", file=sys.stderr)
        else:
            print(line)
    return EXIT_OK if report.ready else EXIT_NO


def _report(client: Client, args: argparse.Namespace) -> int:
    text = client.auditor_report(args.model_version_id, format=args.format.upper())
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as file:
            file.write(text)
        print(f"wrote {args.output} ({len(text.encode()):,} bytes)")
    return EXIT_OK


def signature_valid(checkpoint: AuditCheckpoint) -> bool | None:
    """Whether the checkpoint's Ed25519 signature verifies against its public key (API.graphql,
    AuditCheckpoint); None when the ``cryptography`` package is not installed."""
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        return None
    message = f"provgraph-checkpoint\n{checkpoint.tree_size}\n{checkpoint.root_hash}\n{checkpoint.at}\n".encode()
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(checkpoint.public_key)).verify(base64.b64decode(checkpoint.signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def _verify_audit(client: Client, args: argparse.Namespace) -> int:
    chain = client.verify_audit_log()
    checkpoint = client.audit_checkpoint()
    signed = signature_valid(checkpoint)
    if chain.valid:
        print(f"audit chain valid: {chain.checked:,} events, head {chain.head_hash}")
    else:
        print(f"audit chain INVALID at seq {chain.first_invalid_seq} ({chain.checked:,} events checked)", file=sys.stderr)
    state = {True: "signature valid", False: "signature INVALID", None: "signature not checked (install cryptography)"}[signed]
    print(f"checkpoint: tree size {checkpoint.tree_size:,}, root {checkpoint.root_hash}, key {checkpoint.key_id}, {checkpoint.at}: {state}", file=sys.stdout if signed is not False else sys.stderr)
    if args.checkpoint_out:
        with open(args.checkpoint_out, "w", encoding="utf-8") as file:
            json.dump({"treeSize": checkpoint.tree_size, "rootHash": checkpoint.root_hash, "at": checkpoint.at, "keyId": checkpoint.key_id, "publicKey": checkpoint.public_key, "signature": checkpoint.signature}, file, indent=2)
            file.write("\n")
    return EXIT_OK if chain.valid and signed is not False else EXIT_NO


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="provgraph", description="provgraph from scripts and CI.")
    top.add_argument("--url", help="the GraphQL endpoint (default PROVGRAPH_URL, else http://127.0.0.1:4000/graphql)")
    commands = top.add_subparsers(dest="command", required=True)
    readiness = commands.add_parser("readiness", help="the readiness verdict of a model version; exit 1 when not ready")
    readiness.add_argument("model_version_id")
    readiness.set_defaults(run=_readiness)
    report = commands.add_parser("report", help="the auditor report of a model version")
    report.add_argument("model_version_id")
    report.add_argument("--format", choices=["html", "markdown", "json"], default="html")
    report.add_argument("-o", "--output", help="the file to write (default: standard output)")
    report.set_defaults(run=_report)
    verify = commands.add_parser("verify-audit", help="verify the audit hash chain and a signed checkpoint")
    verify.add_argument("--checkpoint-out", help="save the checkpoint as JSON, for a later consistency proof")
    verify.set_defaults(run=_verify_audit)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        with Client(args.url) as client:
            code: int = args.run(client, args)
            return code
    except ProvgraphError as error:
        print(f"provgraph: {error}", file=sys.stderr)
        return EXIT_ERROR

"""The command line, for scripts and CI (``python -m provgraph ...`` or ``provgraph ...``).

    provgraph readiness <model-version-id>              exit 1 when not ready; failed rules on stderr
    provgraph report <model-version-id> --format html -o report.html
    provgraph verify-audit [--since FILE] [--checkpoint-out FILE]
                                                        the hash chain, a signed checkpoint, and that
                                                        the log only grew since an older checkpoint

The server is PROVGRAPH_URL (or --url), the key PROVGRAPH_API_KEY. Exit codes: 0 fine, 1 the
answer is "no" (not ready, the chain or the signature does not verify), 2 the request failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from ._generated import AuditCheckpoint, CheckStatus
from .audit import consistency_valid, signature_valid
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


def _checkpoint_json(checkpoint: AuditCheckpoint) -> dict[str, object]:
    return {"treeSize": checkpoint.tree_size, "rootHash": checkpoint.root_hash, "at": checkpoint.at, "keyId": checkpoint.key_id, "publicKey": checkpoint.public_key, "signature": checkpoint.signature}


def _verify_audit(client: Client, args: argparse.Namespace) -> int:
    chain = client.verify_audit_log()
    checkpoint = client.audit_checkpoint()
    fine = chain.valid
    if chain.valid:
        print(f"audit chain valid: {chain.checked:,} events, head {chain.head_hash}")
    else:
        print(f"audit chain INVALID at seq {chain.first_invalid_seq} ({chain.checked:,} events checked)", file=sys.stderr)
    signed = signature_valid(checkpoint)
    state = {True: "signature valid", False: "signature INVALID", None: "signature not checked (install cryptography)"}[signed]
    print(f"checkpoint: tree size {checkpoint.tree_size:,}, root {checkpoint.root_hash}, key {checkpoint.key_id}, {checkpoint.at}: {state}", file=sys.stdout if signed is not False else sys.stderr)
    fine = fine and signed is not False
    if args.since:
        with open(args.since, encoding="utf-8") as file:
            old = AuditCheckpoint.from_json(json.load(file))
        # The old checkpoint must carry the same key's valid signature, and the log must only have grown since.
        old_signed = signature_valid(old, public_key=checkpoint.public_key)
        proof = client.audit_consistency_proof(old.tree_size, checkpoint.tree_size) if old.tree_size < checkpoint.tree_size else None
        grown = consistency_valid(old.tree_size, checkpoint.tree_size, old.root_hash, checkpoint.root_hash, proof.hashes if proof else [])
        if grown and old_signed is not False:
            print(f"consistent with the checkpoint of {old.at} (tree size {old.tree_size:,}): the log was only appended to")
        else:
            why = "its signature does not verify with the server's key" if old_signed is False else "the consistency proof fails: the log was rewritten"
            print(f"NOT consistent with the checkpoint of {old.at} (tree size {old.tree_size:,}): {why}", file=sys.stderr)
            fine = False
    if args.checkpoint_out:
        with open(args.checkpoint_out, "w", encoding="utf-8") as file:
            json.dump(_checkpoint_json(checkpoint), file, indent=2)
            file.write("\n")
    return EXIT_OK if fine else EXIT_NO


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
    verify.add_argument("--checkpoint-out", help="save the checkpoint as JSON, for a later --since")
    verify.add_argument("--since", help="a checkpoint saved earlier: prove the log has only been appended to since")
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

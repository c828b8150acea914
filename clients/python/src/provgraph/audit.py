"""Offline checks of the audit log's signed checkpoints and consistency proofs (API.graphql,
AuditCheckpoint and AuditProof: RFC 9162 Merkle trees, Ed25519 signatures)."""

from __future__ import annotations

import base64
import hashlib
from typing import Sequence

from ._generated import AuditCheckpoint


def checkpoint_message(tree_size: int, root_hash: str, at: str) -> bytes:
    """The text a checkpoint's signature covers."""
    return f"provgraph-checkpoint\n{tree_size}\n{root_hash}\n{at}\n".encode()


def signature_valid(checkpoint: AuditCheckpoint, public_key: str | None = None) -> bool | None:
    """Whether the checkpoint's Ed25519 signature verifies, against ``public_key`` (base64 raw
    key) when given, else the key the checkpoint names; None when the ``cryptography`` package is
    not installed."""
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        return None
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key or checkpoint.public_key))
        key.verify(base64.b64decode(checkpoint.signature), checkpoint_message(checkpoint.tree_size, checkpoint.root_hash, checkpoint.at))
    except (InvalidSignature, ValueError):
        return False
    return True


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def consistency_valid(first: int, second: int, first_hash: str, second_hash: str, path: Sequence[str]) -> bool:
    """RFC 9162 section 2.1.4.2: whether ``path`` proves that the tree of size ``first`` with
    root ``first_hash`` is a prefix of the tree of size ``second`` with root ``second_hash``."""
    if first == second:
        return first_hash == second_hash and not path
    if not 0 < first < second or not path:
        return False
    nodes = [bytes.fromhex(h) for h in path]
    if first & (first - 1) == 0:  # an exact power of 2: its root is the first node
        nodes.insert(0, bytes.fromhex(first_hash))
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = nodes[0]
    for c in nodes[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = _node(c, fr), _node(c, sr)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = _node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr.hex() == first_hash and sr.hex() == second_hash

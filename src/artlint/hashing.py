"""BLAKE2b, the hash of artlint's caches, without importing ``hashlib``: ``hashlib`` loads
OpenSSL as it is imported (a few milliseconds of every run), while its ``blake2b`` is CPython's
own ``_blake2.blake2b`` all along, which is used here directly when it exists."""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without CPython's module
    from hashlib import blake2b

__all__ = ["blake2b"]

"""The secret access keys, encrypted at rest with a key file of the server's.

Not hashed, as job tokens are (core/auth.py): SigV4 proves the caller holds the secret by an HMAC keyed with it
(a key derived from it, per day, region and service), so the server needs the secret itself to compute the same
signature; a hash could only be compared to a secret sent in clear, which SigV4 never sends. So the store keeps
each secret as a Fernet token (AES-128-CBC + HMAC-SHA256, from `cryptography`), and the key that opens them lives
in a file the store never sees: a copy of the store (a backup, a PostgreSQL dump) holds no usable secret.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from pathlib import Path
from typing import Optional

from cryptography.fernet import Fernet, InvalidToken

log = logging.getLogger(__name__)
KEY_FILE = "access-keys.fernet"


class SecretCipher:
    """Encrypts and decrypts secrets with the key in `path`, made (0600) on first use."""

    def __init__(self, path: str):
        self.path = Path(path)
        self._fernet: Optional[Fernet] = None
        self._lock = threading.Lock()

    def encrypt(self, secret: str) -> str:
        return self._key().encrypt(secret.encode()).decode()

    def decrypt(self, token: str) -> Optional[str]:
        """The secret, or None for a token this key did not make (a store shared with another server whose key
        file differs, a damaged row): the key is unusable here, as an unknown one."""
        try:
            return self._key().decrypt(token.encode()).decode()
        except (InvalidToken, ValueError):
            log.warning(
                "smstudio: an access key's secret does not open with %s (another server's key file?)", self.path
            )
            return None

    def _key(self) -> Fernet:
        if self._fernet is None:
            with self._lock:
                if self._fernet is None:
                    self._fernet = Fernet(self._read_or_make())
        return self._fernet

    def _read_or_make(self) -> bytes:
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # written whole under a temporary name, then linked into place: a server and an SDK script starting
            # together on one home both end up with the one key that won, never with a half-written file
            temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, Fernet.generate_key())
            finally:
                os.close(fd)
            try:
                os.link(temp, self.path)
            except FileExistsError:
                pass  # another process made it first: theirs is the key
            finally:
                temp.unlink()
        mode = stat.S_IMODE(self.path.stat().st_mode)
        if mode & 0o077:
            log.warning("smstudio: %s is readable by others (mode %o); it should be 0600", self.path, mode)
        return self.path.read_bytes().strip()

"""The Access keys room: keys a user creates and revokes (IAM's calls), and the check of SigV4-signed calls
made with them (handlers.py: boto3's own sagemaker-runtime client invoking this server's endpoints)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from traitlets import HasTraits, Int, Unicode

from ..core.rooms import Room
from . import models
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import AccessKeyService


class AccessKeysSettings(HasTraits):
    max_access_keys_per_user = Int(
        2, help="Access keys a user may hold, active or inactive (IAM's limit is 2: enough to rotate one)"
    ).tag(config=True)
    access_keys_cipher_file = Unicode(
        "",
        help="The Fernet key that encrypts the secret access keys in the store; made (mode 0600) on first use. "
        "Default: access-keys.fernet in smstudio_home. Servers that share one store and verify each other's keys "
        "must share this file",
    ).tag(config=True)


def _build(services: Services) -> AccessKeyService:
    from .cipher import KEY_FILE, SecretCipher
    from .service import AccessKeyService
    from .store import AccessKeyStore

    settings = services.settings
    assert isinstance(settings, AccessKeysSettings)
    path = os.path.expanduser(settings.access_keys_cipher_file) or os.path.join(services.home, KEY_FILE)
    limit = max(1, int(settings.max_access_keys_per_user))
    return AccessKeyService(AccessKeyStore(services.db), SecretCipher(path), limit)


ROOM: Room[AccessKeyService] = Room(
    name="access_keys",
    build=_build,
    operations=OPERATIONS,
    models=(models,),
    orm="jupyter_smstudio.access_keys.orm",
    settings=AccessKeysSettings,
)

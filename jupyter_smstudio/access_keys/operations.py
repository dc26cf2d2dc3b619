"""The Access keys room's REST routes and SDK calls (see core/operations.py and models.py for the contract).
No operation is for jobs: a job's token can neither see nor make keys (a key would outlive the job)."""

from __future__ import annotations

from ..core.operations import Operation, Query
from .models import UpdateAccessKeyRequest

KEY = "access-keys/{access_key_id}"
USER = Query("user_name")  # an admin's: another user's keys

OPERATIONS = (
    Operation("create_access_key", "POST", "access-keys", "create_access_key", status=201),
    Operation("list_access_keys", "GET", "access-keys", "list_access_keys", query=(USER,)),
    Operation("update_access_key", "PATCH", KEY, "update_access_key", body=UpdateAccessKeyRequest, query=(USER,)),
    Operation("delete_access_key", "DELETE", KEY, "delete_access_key", query=(USER,)),
)

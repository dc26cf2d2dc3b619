"""Per-user access keys: boto3's own clients, signed with SigV4, reach this server as their user."""

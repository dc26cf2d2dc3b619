"""Per-user access keys, as IAM names them: boto3's own clients, signed with SigV4, reach this server as
their user (the Endpoints room's runtime path: `smstudio/api/runtime/endpoints/{name}/invocations`)."""

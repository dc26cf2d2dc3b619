"""Export the pydantic contract as one JSON Schema document.

`python -m jupyter_smstudio.contracts > schema.json` feeds `scripts/gen-types.mjs`
(json-schema-to-typescript), which writes `src/core/generated/models.ts`. The models are every
room's (`Room.models` in the registry, studio.py): a new model in a room's models module is in the
contract without a list to edit.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic.json_schema import models_json_schema

from .studio import contract_models


def contract_schema() -> dict[str, Any]:
    """One schema with every model under `$defs`, in a stable order."""
    _, top = models_json_schema([(m, "serialization") for m in contract_models()], ref_template="#/$defs/{model}")
    defs = dict(sorted(top.get("$defs", {}).items()))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "SmStudioContract",
        "type": "object",
        "properties": {name: {"$ref": f"#/$defs/{name}"} for name in defs},
        "additionalProperties": False,
        "$defs": defs,
    }


def main() -> None:
    json.dump(contract_schema(), sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

"""`python -m jupyter_smstudio db upgrade [URL]`: bring a metadata store to this release's schema."""

from __future__ import annotations

import argparse
import sys

from .core.db import current_revision, head_revision, make_engine, upgrade
from .core.settings import default_db_url, default_home


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jupyter_smstudio")
    sub = parser.add_subparsers(dest="command", required=True)
    db = sub.add_parser("db", help="metadata store schema")
    db.add_argument("action", choices=["upgrade", "current"])
    db.add_argument("url", nargs="?", help="SQLAlchemy URL (default: SQLite in $SMSTUDIO_HOME)")
    args = parser.parse_args(argv)
    url = args.url or default_db_url(default_home())
    if args.action == "current":
        print(f"current: {current_revision(make_engine(url))}  head: {head_revision()}")
        return 0
    upgrade(url)
    print(f"upgraded to {head_revision()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

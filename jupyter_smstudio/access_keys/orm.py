"""The access keys table: one row per key, its secret encrypted (cipher.py), never in clear."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.orm import Base, UTCDateTime


class AccessKeyRow(Base):
    __tablename__ = "smstudio_access_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # unique across users: a signed request names only its key id, and the key id names its user
    access_key_id: Mapped[str] = mapped_column(String(32), unique=True)
    owner: Mapped[str] = mapped_column(String(255), index=True)
    secret: Mapped[str] = mapped_column(Text)  # a Fernet token of the secret access key
    status: Mapped[str] = mapped_column(String(16))
    create_date: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_date: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), nullable=True)

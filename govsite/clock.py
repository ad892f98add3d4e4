"""The build's notion of now: --now, else SOURCE_DATE_EPOCH, else the clock (in the site's time zone)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from govsite.config import DEFAULT_TIMEZONE, load_config
from govsite.content.coerce import parse_datetime
from govsite.errors import UsageError


def resolve_now(value: str | None, site: Path) -> datetime:
    """--now, else SOURCE_DATE_EPOCH, else the clock; a time without offset is in the site's zone."""
    config, _ = load_config(site)
    tz = config.tz if config else ZoneInfo(DEFAULT_TIMEZONE)
    if value:
        moment = parse_datetime(value, tz)
        if moment is None:
            raise UsageError(f"--now: '{value}' is not a date or date-time (e.g. 2026-11-27T12:00:00+08:00)")
        return moment
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz)
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds") from None
    return datetime.now(tz)

"""Schedule expressions as SageMaker accepts them, and the windows they analyze.

SageMaker takes `cron(Minutes Hours Day-of-month Month Day-of-week Year)` at most hourly, minute 0: hourly
`cron(0 * ? * * *)`, daily `cron(0 H ? * * *)`, every X hours `cron(0 H/X ? * * *)` or `cron(0 A-B/X ? * * *)`,
and `NOW`: one run at once over a window given as ISO-8601 offsets from now (`-PT1H` .. `-PT0H`). A scheduled
run analyzes the hour before its scheduled time, as SageMaker's hourly executions do.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Optional

from croniter import croniter

from ..core.errors import BadRequest

EXPRESSION = "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression"
START = "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime"
END = "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisEndTime"
NOW = "NOW"
CRON = re.compile(r"^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$")
HOUR = r"(?:[01]?\d|2[0-3])"
HOURS = re.compile(rf"^(?:\*|{HOUR}|{HOUR}-{HOUR})(?:/(?:[1-9]|1\d|2[0-4]))?$")
OFFSET = re.compile(r"^-P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
WINDOW = timedelta(hours=1)


def cron(expression: str) -> str:
    """SageMaker's cron expression as croniter's five fields (minute hour day month weekday), or a 400."""
    match = CRON.match(expression.strip())
    refused = BadRequest(
        f"ScheduleExpression '{expression}' is not a schedule SageMaker accepts: use cron(0 * ? * * *) (hourly), "
        "cron(0 H ? * * *) (daily at hour H), cron(0 H/X ? * * *) (every X hours) or NOW",
        field=EXPRESSION,
    )
    if not match:
        raise refused
    minute, hour, day, month, weekday, year = match.groups()
    if minute != "0" or not HOURS.match(hour) or day not in ("?", "*") or month != "*" or year != "*":
        raise refused
    if weekday not in ("?", "*"):
        raise refused
    fields = f"0 {hour} * * *"
    if not croniter.is_valid(fields):
        raise refused
    return fields


def next_fire(expression: str, after: datetime) -> Optional[datetime]:
    """The first scheduled time after `after` (None for NOW: it runs once, when created)."""
    if expression.strip() == NOW:
        return None
    found: datetime = croniter(cron(expression), after).get_next(datetime)
    return found


def offset(text: Optional[str], field: str) -> timedelta:
    """`-PT1H` as a (negative) timedelta; a window reaching into the future is a 400."""
    match = OFFSET.match((text or "").strip())
    if not match or not text or text.strip() == "-P":
        raise BadRequest(
            f"{field.rsplit('.', 1)[-1]} '{text}' is not a window offset SageMaker accepts: "
            "a negative ISO-8601 duration such as -PT1H or -PT0H",
            field=field,
        )
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return -timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def check(expression: str, start: Optional[str], end: Optional[str]) -> None:
    """The schedule's fields together: NOW needs its window (start before end); cron takes none."""
    if expression.strip() == NOW:
        if start is None or end is None:
            raise BadRequest("a NOW schedule needs DataAnalysisStartTime and DataAnalysisEndTime", field=START)
        if offset(start, START) >= offset(end, END):
            raise BadRequest("DataAnalysisStartTime must be before DataAnalysisEndTime", field=START)
        return
    cron(expression)
    if start is not None or end is not None:  # a cron schedule's window, when given, is checked as NOW's is
        if offset(start or "-PT1H", START) >= offset(end or "-PT0H", END):
            raise BadRequest("DataAnalysisStartTime must be before DataAnalysisEndTime", field=START)


def window(expression: str, start: Optional[str], end: Optional[str], scheduled: datetime) -> tuple[datetime, datetime]:
    """The captured data an execution scheduled at `scheduled` analyzes."""
    if start is not None and end is not None:
        return scheduled + offset(start, START), scheduled + offset(end, END)
    return scheduled - WINDOW, scheduled

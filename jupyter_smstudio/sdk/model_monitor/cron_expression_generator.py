"""`CronExpressionGenerator`: the schedule expressions SageMaker accepts, as its SDK writes them."""

from __future__ import annotations


class CronExpressionGenerator:
    @staticmethod
    def hourly() -> str:
        return "cron(0 * ? * * *)"

    @staticmethod
    def daily(hour: int = 0) -> str:
        if not 0 <= hour <= 23:
            raise ValueError("hour must be from 0 to 23")
        return f"cron(0 {hour} ? * * *)"

    @staticmethod
    def daily_every_x_hours(hour_interval: int, starting_hour: int = 0) -> str:
        if not 1 <= hour_interval <= 23 or not 0 <= starting_hour <= 23:
            raise ValueError("hour_interval must be from 1 to 23 and starting_hour from 0 to 23")
        return f"cron(0 {starting_hour}/{hour_interval} ? * * *)"

    @staticmethod
    def now() -> str:
        """A one-time schedule: it runs at once over DataAnalysisStartTime .. DataAnalysisEndTime."""
        return "NOW"

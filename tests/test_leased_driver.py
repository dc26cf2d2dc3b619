"""The leased driver (core/leased_driver.py) that Tuning and Autopilot share: a record a request is starting is not
adopted a second time by the driver's own scan. Before, the scan could resume the record from what the first step
had stored so far and replace the request's copy, whose trials it then launched again (seen in the Galata run as
UNIQUE constraint failures on the tuning trials' numbers)."""

from __future__ import annotations

import threading
import time

from jupyter_smstudio.core.leased_driver import Key, LeasedDriver


class Store:
    def claim(self, owner: str, name: str, driver: str, lease_seconds: float) -> bool:
        return True  # the lease is this driver's: the record is this process's to drive

    def active_keys(self) -> list[Key]:
        return [("me", "job")]


class Driver(LeasedDriver[Store, str]):
    def __init__(self) -> None:
        super().__init__(Store(), "test", "job", lease_seconds=15.0, scan_seconds=0.0)
        self.calls: list[str] = []
        self.first_step_started, self.first_step_may_end = threading.Event(), threading.Event()

    def first_step(self, key: Key) -> str:
        self.calls.append("first step")
        self.first_step_started.set()
        assert self.first_step_may_end.wait(5)
        return "the request's"

    def resume(self, key: Key) -> str:
        self.calls.append("resume")
        return "resumed"

    def cannot_resume(self, key: Key, err: Exception) -> None:
        raise AssertionError(err)

    def advance(self, held: str) -> None:
        self.calls.append(f"advance {held}")

    def start(self) -> None:  # no thread: the test takes the scan's place
        pass


def test_a_record_being_begun_is_not_adopted_again_by_the_scan() -> None:
    driver = Driver()
    begin = threading.Thread(target=driver.begin, args=("me", "job"))
    begin.start()
    assert driver.first_step_started.wait(5)
    scan = threading.Thread(target=driver._adopt)  # the drive thread's scan, while the first step still runs
    scan.start()
    time.sleep(0.2)
    driver.first_step_may_end.set()
    begin.join(5)
    scan.join(5)
    assert driver._active == {("me", "job"): "the request's"}
    assert driver.calls == ["first step"]


def test_a_record_nobody_drives_is_adopted_once() -> None:
    driver = Driver()
    driver._adopt()
    driver._next_scan = 0.0
    driver._adopt()
    assert driver._active == {("me", "job"): "resumed"} and driver.calls == ["resume"]

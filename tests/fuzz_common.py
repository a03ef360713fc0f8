"""The mutation loop both fuzzers share (tests/fuzz_parse.py, tests/fuzz_archive.py): make an input,
check it under a time budget (a hang is a crash too), and save one input per distinct crash site."""
from __future__ import annotations

import signal
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def crash_signature(error: BaseException) -> tuple:
    """Where an exception was raised; assertions (the fuzzers' own checks) also by their message."""
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    return (type(error).__name__, frame.filename if frame else "", frame.lineno if frame else 0,
            str(error)[:60] if isinstance(error, AssertionError) else "")


def fuzz_loop(seconds: float, budget: float, make: Callable[[], tuple[object, str]],
              check: Callable[[object], None], save: Callable[[object, BaseException], Path]) -> tuple[int, list[Path]]:
    """Run ``check(input)`` on inputs from ``make()`` (the input and where it came from) for ``seconds``;
    returns the number of inputs and the crashes saved."""
    def out_of_time(signum, frame):
        raise TimeoutError(f"one input took longer than its budget ({budget} s, --budget)")

    previous = signal.signal(signal.SIGALRM, out_of_time)
    deadline, runs, crashes, seen = time.monotonic() + seconds, 0, [], set()
    try:
        while time.monotonic() < deadline:
            data, what = make()
            signal.setitimer(signal.ITIMER_REAL, budget)
            try:
                check(data)
            except Exception as error:  # every exception that reaches here is a crash to pin
                signal.setitimer(signal.ITIMER_REAL, 0)
                if crash_signature(error) not in seen:
                    seen.add(crash_signature(error))
                    saved = save(data, error)
                    crashes.append(saved)
                    print(f"CRASH from {what}: {type(error).__name__}: {str(error)[:300]} -> "
                          f"{saved.relative_to(ROOT)}", flush=True)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            runs += 1
    finally:
        signal.signal(signal.SIGALRM, previous)
    return runs, crashes

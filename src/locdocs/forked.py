"""Work shared out among forked processes, which inherit what the caller has read (nothing of it is pickled).

The check and the translation states read every file of a site and analyse each article on its own: on a large
site, in one process per core. Only the items (article paths) and the results (findings, status rows) go through
pipes; the docs index is inherited. Forking is safe only while no other thread runs (a child could inherit a lock
one of them holds): elsewhere, and where there is no fork, the work runs in the caller's process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_inherited: tuple[Callable[[Any], Any]] | None = None
"""The function the forked workers call, set before they are forked."""


def default_jobs() -> int:
    """One process per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def forked_map(function: Callable[[Item], Result], items: Iterable[Item], jobs: int) -> list[Result]:
    """``function`` of each item, in order, computed in ``jobs`` forked processes (in this one where forking is
    not safe, or with one job). ``function`` may be a closure over anything: the workers inherit it."""
    return list(forked_imap(function, items, jobs))


def forked_imap(function: Callable[[Item], Result], items: Iterable[Item], jobs: int) -> Iterator[Result]:
    """``forked_map``, yielding each result as soon as it and those before it are done."""
    items = list(items)
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        yield from (function(item) for item in items)
        return
    global _inherited  # noqa: PLW0603 - the workers inherit the function through it when they are forked
    _inherited = (function,)
    # What the workers inherit is never freed there: frozen, the garbage collector does not walk it again and
    # again (nor copy its memory pages by touching them).
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_call, items)
    finally:
        gc.unfreeze()
        _inherited = None


def _call(item: Any) -> Any:
    if _inherited is None:
        raise RuntimeError("_call runs in the processes forked_map forks, which inherit the function")
    return _inherited[0](item)

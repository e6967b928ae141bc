"""The check a MkDocs build runs beside itself: ``run_check`` in another process while the build renders pages.

A build renders on one core; the check takes another and costs the build little more than starting it.
``BackgroundCheck.findings()`` waits for it. The process is forked where that is safe (no other thread runs), and
inherits the docs as read. Where other threads run (``mkdocs serve``'s server: a forked child could inherit a
lock one of them holds), ``python -m locdocs.check.background`` is started with the pickled configuration on its
standard input, reads the docs itself and writes the pickled findings to its standard output (not
multiprocessing's spawn, which would import the caller's main script again). Where neither can be had (no fork,
a configuration pickle cannot take), the check runs at once.
"""

from __future__ import annotations

import multiprocessing
import pickle
import subprocess
import sys
import traceback
from multiprocessing.connection import Connection
from typing import Any

from ..config import Config
from ..errors import LocdocsError
from ..forked import can_fork
from ..translations import DocsIndex
from . import run_check
from .findings import Finding

Message = tuple[str, object]
"""What the check's process sends: ("findings", list), ("input", message) or ("bug", traceback)."""


class BackgroundCheck:
    def __init__(self, config: Config, docs: DocsIndex) -> None:
        self._findings: list[Finding] | None = None
        self._forked: Any = None
        """The forked process (multiprocessing's fork context's Process)."""
        self._receiver: Connection | None = None
        self._started: subprocess.Popen[bytes] | None = None
        if can_fork():
            docs.history.prepare_fork()
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            # Forked, the process inherits the configuration and the docs as they are: nothing is pickled.
            forked = context.Process(target=_check_and_send, args=(config, docs, sender), daemon=True)
            forked.start()
            self._forked = forked
            sender.close()
        elif (payload := _pickled(config)) is not None:
            self._started = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE)
            assert self._started.stdin is not None  # stdin=PIPE
            self._started.stdin.write(payload)
            self._started.stdin.close()
        else:
            self._findings = run_check(config, docs)

    @property
    def in_process(self) -> bool:
        """Did the check run in the caller's process?"""
        return self._forked is None and self._started is None

    def findings(self) -> list[Finding]:
        if self._findings is not None:
            return self._findings
        kind, result = self._receive()
        if kind == "input":
            raise LocdocsError(str(result))
        if kind != "findings" or not isinstance(result, list):
            raise RuntimeError(f"the check failed:\n{result}")
        self._findings = result
        return result

    def _receive(self) -> Message:
        if self._forked is not None and self._receiver is not None:
            try:
                message: Message = self._receiver.recv()
            except EOFError:
                message = ("bug", f"the check's process ended (exit code {self._forked.exitcode}) without findings")
            self._receiver.close()
            self._forked.join()
            return message
        assert self._started is not None  # else the findings were there from the start
        assert self._started.stdout is not None  # stdout=PIPE
        output = self._started.stdout.read()
        self._started.stdout.close()
        self._started.wait()
        try:
            return pickle.loads(output)
        except (pickle.UnpicklingError, EOFError, ValueError):
            return "bug", f"the check's process ended (exit code {self._started.returncode}) without findings"


def _pickled(config: Config) -> bytes | None:
    """The configuration for a started process; None when it holds what pickle cannot take (a Markdown
    extension's option that is a local function)."""
    try:
        return pickle.dumps(config)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def _checked(config: Config, docs: DocsIndex | None) -> Message:
    try:
        return "findings", run_check(config, docs)
    except LocdocsError as error:
        return "input", str(error)
    except Exception:  # a bug: its traceback goes to the parent, which raises it  # noqa: BLE001
        return "bug", traceback.format_exc()


def _check_and_send(config: Config, docs: DocsIndex, sender: Connection) -> None:
    """In the forked process: the findings, or what stopped the check, sent to the parent."""
    sender.send(_checked(config, docs))
    sender.close()


if __name__ == "__main__":  # the started process: a pickled configuration in, pickled findings out
    sys.stdout.buffer.write(pickle.dumps(_checked(pickle.loads(sys.stdin.buffer.read()), None)))

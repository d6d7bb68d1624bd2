"""Children die with the server: every child process is handed the read end of one pipe whose write end only the
server holds, and a thread in the child exits the process when that pipe reaches end-of-file. The kernel closes the
write end however the server ends (`kill -9`, SIGTERM, a crash), and `cut()` closes it on a graceful stop.

Not the parent-death signal (prctl PR_SET_PDEATHSIG): it fires when the *thread* that started the child exits, and
children here are started from request threads that come and go. A pipe has no such race either: a child that
starts after the server died finds the pipe at end-of-file at once."""

from __future__ import annotations

import os
import threading
from multiprocessing.connection import Connection, Pipe

ENV = "NOTICE_ASSISTANT_LIFELINE"  # a subprocess's lifeline: the number of the inherited file descriptor

_LOCK = threading.Lock()
_LINE: tuple[Connection, Connection] | None = None  # (read end, write end) of this process's lifeline


def line() -> Connection:
    """The read end of this process's lifeline, to hand to a child: in a multiprocessing child's arguments (spawn
    passes the descriptor along), or to a subprocess as its fileno() in `pass_fds` and in the environment as `ENV`."""
    global _LINE
    with _LOCK:
        if _LINE is None:
            _LINE = Pipe(duplex=False)  # descriptors not inherited: a child gets the read end only when handed it
        return _LINE[0]


def watch(conn: Connection | None = None) -> None:
    """In the child: exit at once when the server is gone. `conn` as handed to a multiprocessing child, or None in a
    subprocess: the descriptor named by `ENV`, if its parent handed one."""
    if conn is None:
        fd = os.environ.pop(ENV, None)
        if fd is None:
            return
        conn = Connection(int(fd), writable=False)
    watched = conn

    def wait() -> None:
        try:
            watched.recv_bytes()  # nothing is ever sent: this returns only at end-of-file
        except (EOFError, OSError):
            pass
        os._exit(1)

    threading.Thread(target=wait, name="lifeline", daemon=True).start()


def cut() -> None:
    """In the server, on a graceful stop: close the write end, so every child exits. A later child gets a new one."""
    global _LINE
    with _LOCK:
        if _LINE is not None:
            _LINE[1].close()
            _LINE[0].close()
            _LINE = None

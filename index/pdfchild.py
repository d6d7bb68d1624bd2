"""The PDF reader's own process (`python -m index.pdfchild MEMORY_BYTES MAX_PAGES`): reads one PDF under a memory
ceiling. Protocol: it writes b"R" once imported, then reads a pickled (data, name) from stdin and writes a pickled
("ok", lines) or ("error", reason) to stdout. Started only by index.loaders, which trusts its own pickles."""

from __future__ import annotations

import pickle
import resource
import sys
from pathlib import Path

from index import lifeline
from index.errors import LoadError
from index.loaders import pdf_lines


def main() -> None:
    lifeline.watch()  # before the memory ceiling: the watching thread's stack is allocated outside it
    memory, max_pages = int(sys.argv[1]), int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    out = sys.stdout.buffer
    out.write(b"R")
    out.flush()
    data, name = pickle.load(sys.stdin.buffer)
    try:
        result: tuple[str, object] = ("ok", pdf_lines(data, Path(name), max_pages))
    except LoadError as e:
        result = ("error", e.reason)
    except MemoryError:
        result = ("error", f"reading the PDF needs over {memory:,} bytes of memory, the limit")
    out.write(pickle.dumps(result))
    out.flush()


if __name__ == "__main__":
    main()

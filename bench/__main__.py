"""Run the benchmarks and write bench/RESULTS.md: ``python -m bench [name ...]`` (``make bench``).

Every module bench/<name>.py is a benchmark. The runner calls, in order of preference:

* ``report() -> str``: the module runs itself and returns its Markdown section;
* ``run() -> dict``: the results as a dict (shown as JSON);
* ``main(argv) -> ...`` printing JSON on stdout (captured).

With names, only those run and the other sections of RESULTS.md are kept as they were.
"""
from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"


def available() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_"))


def machine() -> str:
    memory = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        try:
            memory = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB"
        except (ValueError, OSError, AttributeError):
            pass
    cpu = platform.processor() or platform.machine()
    try:
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {memory} memory, Python {platform.python_version()}, {platform.system()}"


def section(name: str) -> str:
    module = importlib.import_module(f"bench.{name}")
    started = time.perf_counter()
    if hasattr(module, "report"):
        body = module.report()
    elif hasattr(module, "run"):
        body = "```json\n" + json.dumps(module.run(), indent=1, ensure_ascii=False) + "\n```"
    else:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            module.main([])
        body = "```\n" + out.getvalue().strip() + "\n```"
    took = time.perf_counter() - started
    return f"## {name}\n\n{body.strip()}\n\n_({took:.0f} s; `python -m bench {name}`)_\n"


def _old_sections() -> dict[str, str]:
    if not RESULTS.exists():
        return {}
    parts = re.split(r"(?m)^## ", RESULTS.read_text("utf-8"))
    return {p.split("\n", 1)[0].strip(): "## " + p.rstrip() + "\n" for p in parts[1:]}


def main(argv: list[str] | None = None) -> int:
    names = list(argv if argv is not None else sys.argv[1:]) or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(f"no benchmark named {', '.join(unknown)}; there are: {', '.join(available())}", file=sys.stderr)
        return 2
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    fresh = {}
    for name in names:
        print(f"bench: {name} …", file=sys.stderr)
        fresh[name] = section(name)
        print(fresh[name])
    sections = _old_sections()  # read at the end: a benchmark run meanwhile keeps its section
    sections.update(fresh)
    head = (
        "# Benchmarks\n\n"
        f"Written by `python -m bench` (`make bench`) on {time.strftime('%Y-%m-%d')}: {machine()}.\n"
        "Timings are medians of several runs unless said otherwise; other work on the machine makes them noisy.\n\n"
    )
    RESULTS.write_text(head + "\n".join(sections[n] for n in available() if n in sections), "utf-8")
    print(f"bench: wrote {RESULTS.relative_to(HERE.parent)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

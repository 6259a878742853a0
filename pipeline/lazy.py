"""A module imported on first use: ``pd = lazy.module("pandas")`` at the top of a file, then ``pd.DataFrame``
as usual. For libraries that cost a command's start-up more than its work (pandas and pyarrow: about
0.4 s of CPU), in modules a command imports without always needing them (``baocao ingest`` builds the
whole command line, and writes its archive without a data frame)."""
from __future__ import annotations

import importlib


class module:
    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        real = importlib.import_module(self._name)
        self.__dict__.update(vars(real))  # later lookups skip __getattr__
        return getattr(real, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"

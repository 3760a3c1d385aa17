"""``plannerview consult ...`` as the plugin's ``command`` contribution (the code is in :mod:`.cli`)."""

from __future__ import annotations

import argparse
from typing import Any

from . import cli


class ConsultCommand:
    def register(self, parser: argparse.ArgumentParser) -> None:
        cli.register(parser)

    def run(self, args: argparse.Namespace, ctx: Any) -> int:
        return cli.run(args, ctx)

"""Automated plan checks (in the spirit of AAPM TG-275 and the IAEA QUATRO checklist).

Qt-free. Checks are small functions registered with ``@check(id)`` (``registry``); their titles,
citations and thresholds are data (``plannerview/data/checks/*.yaml``, then a site file given to
:func:`load_config`). Use::

    ctx = make_context(case, plan)            # the plan's PLAN dose and structure set
    report = run_checks(ctx, load_config())   # CheckReport: results, counts, to_json()

How to add a check: ``docs/checks.md``.
"""

from .config import CheckConfig, ChecksConfig, ConfigError, load_config
from .context import CheckContext
from .registry import Outcome, Status, check, fail, not_applicable, passed, registered, warn, worst
from .runner import CheckReport, CheckResult, make_context, run_checks

__all__ = ["CheckConfig", "CheckContext", "CheckReport", "CheckResult", "ChecksConfig", "ConfigError", "Outcome",
           "Status", "check", "fail", "load_config", "make_context", "not_applicable", "passed", "registered",
           "run_checks", "warn", "worst"]

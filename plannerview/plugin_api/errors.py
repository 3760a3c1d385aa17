"""The exceptions a plugin raises on purpose.

- :class:`PluginInputError`: the input does not suit the contribution (contours need a CT and
  got an MR; the plan has no beams the engine models). The host shows the message to the user;
  it is not the plugin's fault, so the plugin stays active and nothing is counted against it.
- :class:`~plannerview.tasks.Cancelled`: the user asked to stop (``ctx.check_cancel()`` raises it).

Any other exception escaping plugin code is a *fault* of that contribution: reported with the
plugin's and contribution's names and counted (see docs/plugins.md, "When things go wrong").
"""

from __future__ import annotations

from ..tasks import Cancelled


class PluginInputError(Exception):
    """Wrong input for this contribution: reported to the user, the plugin stays active."""


__all__ = ["Cancelled", "PluginInputError"]

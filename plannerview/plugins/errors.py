"""What the host raises about plugins; every message names the plugin and the contribution.

- :class:`PluginUnavailable`: no such contribution, or its plugin or itself is failed/disabled
  (the CLI exits 2: the user asked for something that is not there).
- :class:`InputRefused`: unmet ``needs`` or the plugin's own :class:`PluginInputError` (wrong input
  for this contribution; exit 2). Not a fault: the plugin stays active.
- :class:`PluginFault`: the plugin misbehaved (raised, crashed, hung, returned a bad result,
  replaced host functions); counted against the contribution (exit 1).
"""

from __future__ import annotations


class PluginError(RuntimeError):
    """Base of the host's plugin errors; the message names the plugin."""


class PluginUnavailable(PluginError):
    """The contribution does not exist or is not active."""


class InputRefused(PluginError):
    """The input does not suit the contribution (unmet needs or PluginInputError)."""


class PluginFault(PluginError):
    """The plugin's code failed; counted against its contribution."""

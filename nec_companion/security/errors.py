"""Moved to `nec_companion.core.errors` (every layer can reach it there); kept so older imports still work."""

from nec_companion.core.errors import *  # noqa: F403

"""The private family journal: start screen, create/open/recover, the open journal, auto-lock."""

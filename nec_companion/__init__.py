"""NEC Companion: an offline library and private family journal for NICU families."""

__version__ = "0.1.0"

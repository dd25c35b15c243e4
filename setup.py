"""Only the package list lives here (everything else is in pyproject.toml): every `nec_companion` package, plus
`nec_companion.resources`, which pyproject.toml maps to the top-level resources/ folder so the wheel carries the
library. pyproject.toml alone cannot add a mapped package to automatic discovery."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["nec_companion", "nec_companion.*"]), "nec_companion.resources"])

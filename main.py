"""Start NEC Companion: `python main.py` is the same as the `nec-companion` command."""

import sys

from nec_companion.app import main

if __name__ == "__main__":
    sys.exit(main())

"""Run the command line: ``python -m handbook …``."""

import sys

from .cli import main

sys.exit(main())

"""python -m minutebook: the same as the minutebook command."""

import sys

from .cli import main

sys.exit(main())

"""minutebook's entry point: python build.py build | check | serve | new ..."""

import sys

from minutebook.cli import main

sys.exit(main())

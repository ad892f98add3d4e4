"""`python -m govsite` runs the command line."""

import sys

from govsite.cli import main

sys.exit(main())

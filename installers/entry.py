"""Entry point of the bundled program: the same command line as `union-inspector`."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())

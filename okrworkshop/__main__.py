"""Allow ``python -m okrworkshop``."""

from okrworkshop.cli import main

raise SystemExit(main())

"""``python -m vcmp_mock`` is the same as the ``vcmp-mock`` command."""

import sys

from vcmp_mock.cli import main

sys.exit(main())

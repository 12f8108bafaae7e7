import os
import sys
from pathlib import Path

from hypothesis import settings

# tests/support holds helpers shared by several test folders.
sys.path.insert(0, str(Path(__file__).parent))

# No per-example deadline: a loaded 2-core CI machine must not turn a slow
# first example into a failure. In CI the examples are derived from each
# test's name, so a red run always replays the same way.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "default")

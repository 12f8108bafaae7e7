import sys
from pathlib import Path

# tests/support holds helpers shared by several test folders.
sys.path.insert(0, str(Path(__file__).parent))

"""--bigip-version: the releases the catalogue describes, 11.0.0 to 13.1.x."""

from __future__ import annotations

import pytest

from vcmp_mock.config import Config


@pytest.mark.parametrize("given, kept", [("11.4.1", "11.4.1"), ("13.1.0", "13.1.0"), ("13.1.3", "13.1.3"),
                                         ("12.1", "12.1.0"), ("11.0.0", "11.0.0")])
def test_supported_releases_are_accepted(given, kept):
    assert Config(bigip_version=given).bigip_version == kept


@pytest.mark.parametrize("given", ["10.2.4", "13.2.0", "14.1.0", "9.4.8"])
def test_other_releases_are_refused_naming_the_range(given):
    with pytest.raises(ValueError, match="from 11.0.0 to 13.1.x"):
        Config(bigip_version=given)

"""Fixtures most client tests share; a module that needs another server
(other users, another version, a real clock) defines its own ``server``."""

import pytest

from support.live import live_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One live HTTPS server per module, on a manual clock, admin:admin."""
    with live_server(tmp_path_factory.mktemp("tls")) as live:
        yield live


@pytest.fixture
def admin(server):
    """A bigsuds client on a freshly reset host."""
    from support.clients import bigip  # needs bigsuds: imported only when used

    server.sim.reset()
    return bigip(server)

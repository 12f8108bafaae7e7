"""The composition root: one Config in, one running portal's WSGI app out.

This is the only module that knows every layer; each layer below it is
built from plain arguments and can be tested alone.
"""

from __future__ import annotations

from vcmp_mock.config import Config
from vcmp_mock.domain.clock import Clock, RealClock
from vcmp_mock.engine.simulator import Simulator
from vcmp_mock.icontrol import wsdl
from vcmp_mock.icontrol.interfaces import INTERFACES
from vcmp_mock.icontrol.soap import SoapDispatcher
from vcmp_mock.transport.auth import BasicAuth
from vcmp_mock.transport.wsgi import Portal


def build_simulator(config: Config, clock: Clock | None = None) -> Simulator:
    if clock is None:
        clock = RealClock(scale=config.time_scale)
    return Simulator(preset=config.preset, seed=config.seed, clock=clock)


def build_portal(config: Config, simulator: Simulator | None = None) -> Portal:
    """The portal's WSGI app over ``simulator`` (built from ``config`` if None)."""
    if simulator is None:
        simulator = build_simulator(config)
    dispatcher = SoapDispatcher(simulator, bigip_version=config.bigip_version)
    auth = BasicAuth(config.users, realm=config.realm, cookies=config.auth_cookies)
    return Portal(
        dispatcher=dispatcher,
        wsdl_source=wsdl.source(config.bigip_version),
        interfaces=sorted(INTERFACES),
        auth=auth,
        max_body=config.max_body,
    )

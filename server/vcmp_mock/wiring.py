"""The composition root: one Config in, one running portal's WSGI app out.

This is the only module that knows every layer; each layer below it is
built from plain arguments and can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from vcmp_mock.config import Config
from vcmp_mock.domain.clock import Clock, RealClock
from vcmp_mock.engine import scenario as scenarios
from vcmp_mock.engine.scenario_apply import ScenarioRuntime, configure, start
from vcmp_mock.engine.simulator import Simulator
from vcmp_mock.icontrol import wsdl
from vcmp_mock.icontrol.interfaces import ALIASES, INTERFACES, SUPPORTED_VERSIONS, operation_rows
from vcmp_mock.icontrol.soap import SoapDispatcher
from vcmp_mock.transport.auth import BasicAuth
from vcmp_mock.transport.wsgi import Portal


def scenario_catalogue() -> scenarios.Catalogue:
    """What a scenario may name: every operation and version we serve."""
    return scenarios.Catalogue.from_rows(operation_rows(include_aliases=True), SUPPORTED_VERSIONS, ALIASES)


def validate_scenarios(paths) -> tuple[int, list[str]]:
    return scenarios.validate_files(paths, scenario_catalogue())


@dataclass
class Setup:
    """What ``serve`` runs: the effective config, its simulator and scenario."""

    config: Config
    simulator: Simulator
    runtime: ScenarioRuntime | None = None


def build_setup(config: Config, clock: Clock | None = None) -> Setup:
    """The simulator ``config`` describes, from its scenario file when it names one.

    A scenario's seed, version, users, preset and clock win over the flags.
    """
    if config.scenario is None:
        return Setup(config, build_simulator(config, clock))
    scenario = scenarios.load(config.scenario, scenario_catalogue())
    runtime = start(scenario, config, clock=clock)
    return Setup(configure(config, scenario), runtime.simulator, runtime)


def build_simulator(config: Config, clock: Clock | None = None) -> Simulator:
    if clock is None:
        clock = RealClock(scale=config.time_scale)
    return Simulator(preset=config.preset, seed=config.seed, clock=clock)


def build_portal(
    config: Config, simulator: Simulator | None = None, runtime: ScenarioRuntime | None = None
) -> Portal:
    """The portal's WSGI app over ``simulator`` (built from ``config`` if None).

    A scenario ``runtime`` sees every request first: its events fire and its
    fault rules choose the answer.
    """
    if simulator is None:
        setup = build_setup(config)
        config, simulator, runtime = setup.config, setup.simulator, setup.runtime
    dispatcher = SoapDispatcher(
        simulator,
        bigip_version=config.bigip_version,
        request_hook=runtime.before_request if runtime is not None else None,
    )
    auth = BasicAuth(config.users, realm=config.realm, cookies=config.auth_cookies)
    return Portal(
        dispatcher=dispatcher,
        wsdl_source=wsdl.source(config.bigip_version),
        interfaces=sorted(INTERFACES),
        auth=auth,
        max_body=config.max_body,
    )

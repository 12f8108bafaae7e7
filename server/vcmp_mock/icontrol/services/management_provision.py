"""Management.Provision: module levels, read and set (``domain.provisioning``).

Modules the emulated release does not know are left out of the lists; a
request naming one is refused before it gets here (``icontrol.versioning``).
Custom ratios and descriptions are reported (0 and empty: their setters are
not simulated and answer Common::NotImplemented).
"""

from __future__ import annotations

from vcmp_mock.domain.provisioning import MODULES
from vcmp_mock.icontrol.interfaces import INTERFACES
from vcmp_mock.icontrol.services import enums
from vcmp_mock.icontrol.services._common import aligned, host, modifies
from vcmp_mock.icontrol.types import common as c


def _table(call):
    return call.simulator.provisioning


def _names(modules) -> list[str]:
    return [enums.TMOS_MODULE.domain(m, "modules") for m in modules]


def _wire(call, module: str) -> str:
    known = INTERFACES["Management.Provision"].enum_members_for(c.TMOSModule, call.bigip_version)
    wire = enums.TMOS_MODULE.wire(module)
    if wire in known:
        return wire
    # Before 11.6.0 the AM module went by its older member names.
    return "TMOS_MODULE_WAM" if module == "am" else wire


def _listed(call, modules) -> list[str]:
    known = INTERFACES["Management.Provision"].enum_members_for(c.TMOSModule, call.bigip_version)
    return [_wire(call, m) for m in modules if _wire(call, m) in known]


def get_version(call) -> str:
    return f"BIG-IP_v{call.bigip_version}"


def get_list(call) -> list[str]:
    return _listed(call, MODULES)


def get_provisioned_list(call) -> list[str]:
    return _listed(call, _table(call).provisioned())


def get_level(call, modules) -> list[str]:
    table = _table(call)
    return [enums.PROVISION_LEVEL.wire(table.level(name)) for name in _names(modules)]


@modifies
def set_level(call, modules, levels) -> None:
    aligned("modules", modules, levels=levels)
    names = _names(modules)
    values = [enums.PROVISION_LEVEL.domain(lv, "levels") for lv in levels]
    guests = host(call).guest_names()
    _table(call).set_levels(list(zip(names, values)), vcmp_guests=guests)


def _known(call, modules) -> list[str]:
    """The tmsh names of ``modules``; NotFound for one the host cannot provision."""
    names = _names(modules)
    for name in names:
        _table(call).level(name)
    return names


def get_description(call, modules) -> list[str]:
    return ["" for _ in _known(call, modules)]


def get_custom_cpu_ratio(call, modules) -> list[int]:
    return [0 for _ in _known(call, modules)]


def get_custom_disk_ratio(call, modules) -> list[int]:
    return [0 for _ in _known(call, modules)]


def get_custom_memory_ratio(call, modules) -> list[int]:
    return [0 for _ in _known(call, modules)]

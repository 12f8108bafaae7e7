"""VcmpHost keeps the HostAPI contract the SOAP layer is written against."""

import inspect

from vcmp_mock.domain.host import HostAPI
from vcmp_mock.domain.host_impl import VcmpHost

ATTRIBUTES = {"clock", "rng", "platform", "timing", "faults"}


def test_every_contract_method_exists_with_the_same_parameters():
    for name, member in vars(HostAPI).items():
        if name.startswith("_") or name in ATTRIBUTES or not callable(member):
            continue
        assert hasattr(VcmpHost, name), name
        wanted = list(inspect.signature(member).parameters)
        found = list(inspect.signature(getattr(VcmpHost, name)).parameters)
        assert found == wanted, name


def test_the_contract_attributes_are_there():
    from hostkit import make_host

    host, _ = make_host()
    for name in ATTRIBUTES:
        assert getattr(host, name) is not None
    assert set(HostAPI.__annotations__) == ATTRIBUTES

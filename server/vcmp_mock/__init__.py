"""vcmp-mock: a simulated F5 BIG-IP vCMP host behind the iControl SOAP API.

Layers (dependencies point one way, left to right):
    transport -> icontrol -> engine -> domain
``domain`` is pure: no spyne, lxml, HTTP, YAML or wall clock.
"""

__version__ = "0.1.0"

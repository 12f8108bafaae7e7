"""The engine: builds and drives one simulated host (presets, simulator).

It sits between the SOAP layer and the pure domain: it knows hardware
presets, scenarios and fault rules; the domain knows none of them.
"""

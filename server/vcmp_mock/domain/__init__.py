"""The pure simulation of a vCMP host: chassis, slots, guests, disks, clock.

Nothing in this package imports spyne, lxml, HTTP or YAML libraries, and
nothing reads the wall clock except ``clock.RealClock``, which is injected.
"""

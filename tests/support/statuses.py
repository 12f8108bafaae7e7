"""What every client test expects of a slot's status on its way up."""

# The order in which a slot's status may move on its way up to RUNNING
# (a slot may skip steps, e.g. no install when its disk is installed).
UPWARD = [
    "VCMP_STATUS_CREATED",
    "VCMP_STATUS_ACQUIRE_VDISK",
    "VCMP_STATUS_WAIT_INSTALL",
    "VCMP_STATUS_INSTALLING",
    "VCMP_STATUS_STOPPED",
    "VCMP_STATUS_WAIT_STARTING",
    "VCMP_STATUS_STARTING",
    "VCMP_STATUS_RUNNING",
]

"""The rpc/encoded codec of the iControl portal.

reader    parse a request envelope, decode its parameters by the catalogue
decoders  one compiled decoder per spyne type
writer    write a response envelope byte for byte as a BIG-IP does
"""

from .reader import Request, read_envelope
from .writer import EncodeError, write_response

__all__ = ["EncodeError", "Request", "read_envelope", "write_response"]

"""The iControl SOAP layer: the only package that imports spyne.

types/       spyne models named exactly like F5's (Common.*, System.VCMP.*, ...)
interfaces/  the operation catalogue of each interface (parameters, returns, since)
typeinfo     how the codec and the WSDL generator read a spyne type tree
encoding/    the rpc/encoded reader and writer (the wire format of the portal)
faults       domain errors and protocol errors as iControl SOAP faults
wsdl         the rpc/encoded WSDL generator
services/    thin handlers, one module per interface
"""

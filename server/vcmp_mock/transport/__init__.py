"""The HTTP(S) edge: the iControl portal, Basic auth, TLS and the server.

``contracts`` is what the SOAP layer codes against; ``wsgi.Portal`` routes
requests; ``server.serve`` runs a WSGI app on cheroot.
"""

"""spyne models of the iControl types, named exactly like F5's.

common (Common.*), system_vcmp (System.VCMP.*), system_session
(System.Session.*), system_info (System.* of SystemInfo),
management_provision (Management.Provision.*); system_cluster re-exports the
Common types System.Cluster uses. Each type is declared once; read them
through ``icontrol.typeinfo``.
"""

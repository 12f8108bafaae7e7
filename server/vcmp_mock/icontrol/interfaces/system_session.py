"""System.Session: the 21 operations on the caller's session and transaction.

Session state (active folder, recursion, path style, transaction) belongs to
the session key: an explicit id from ``get_session_identifier`` or, without
one, the user name. The DTD and forced-session switches came in 12.0.0.
"""

from __future__ import annotations

from spyne.model.primitive import Long, Unicode

from ..types import common as c
from ..types import system_session as s
from .base import Interface, op

OPERATIONS = (
    op("get_active_folder", returns=Unicode,
       doc="Folder that completes relative object names."),
    op("get_dtd_processing_state", returns=c.EnabledState, since="12.0.0",
       doc="Whether requests carrying a DTD are accepted."),
    op("get_force_sessions_state", returns=c.EnabledState, since="12.0.0",
       doc="Whether every request must name an explicit session."),
    op("get_maximum_sessions", returns=Long,
       doc="Most sessions allowed at once (0: no limit)."),
    op("get_recursive_query_state", returns=c.EnabledState,
       doc="Whether queries descend into sub-folders."),
    op("get_returned_path", returns=s.ReturnedPath,
       doc="How object names are returned."),
    op("get_session_identifier", returns=Long, doc="Open a new session and return its id."),
    op("get_session_timeout", returns=Long,
       doc="Idle seconds after which a session may be dropped."),
    op("get_transaction_timeout", returns=Long,
       doc="Idle seconds after which an open transaction is dropped."),
    op("get_version", returns=Unicode, doc="Version string of the interface."),
    op("rollback_transaction", doc="Discard the calls queued in the open transaction."),
    op("set_active_folder", ("folder", Unicode),
       doc="Set the folder that completes relative object names."),
    op("set_dtd_processing_state", ("state", c.EnabledState), since="12.0.0",
       doc="Accept or refuse requests carrying a DTD."),
    op("set_force_sessions_state", ("state", c.EnabledState), since="12.0.0",
       doc="Require or not an explicit session on every request."),
    op("set_maximum_sessions", ("sessions", Long),
       doc="Set the most sessions allowed at once."),
    op("set_recursive_query_state", ("state", c.EnabledState),
       doc="Make queries descend into sub-folders or not."),
    op("set_returned_path", ("path", s.ReturnedPath), doc="Choose how object names are returned."),
    op("set_session_timeout", ("timeout", Long), doc="Set the session idle timeout."),
    op("set_transaction_timeout", ("timeout", Long), doc="Set the transaction idle timeout."),
    op("start_transaction", returns=Long,
       doc="Open a transaction: later changes are queued until submitted."),
    op("submit_transaction", doc="Apply the queued calls all together or not at all."),
)

INTERFACE = Interface(
    module="System",
    name="Session",
    operations=OPERATIONS,
    doc="Per-session settings and configuration transactions.",
    extra_types=(c.ULong,),
)

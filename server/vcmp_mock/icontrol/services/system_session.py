"""System.Session: the caller's session, its settings and its transaction.

``call.session`` is the session the call runs in (admitted by
``icontrol.invoke``); the global settings live on the simulator's session
table. Nothing here is ``@modifies``: the interface changes sessions, not
the host's configuration, and never takes part in a transaction.

The session settings are kept and reported faithfully; vCMP guests are not
folder objects on BIG-IP, so the active folder, recursion and path style
change no System.VCMP answer.
"""

from __future__ import annotations

from vcmp_mock.engine.sessions import resolve_folder
from vcmp_mock.icontrol import transactions
from vcmp_mock.icontrol.services import enums
from vcmp_mock.icontrol.services._common import require_admin


def _table(call):
    return call.simulator.sessions


def get_version(call) -> str:
    return f"BIG-IP_v{call.bigip_version}"


def get_session_identifier(call) -> int:
    return _table(call).open(call.user).session_id


# --- per-session settings ----------------------------------------------------------


def get_active_folder(call) -> str:
    return call.session.active_folder


def set_active_folder(call, folder) -> None:
    call.session.active_folder = resolve_folder(call.session.active_folder, folder or "")


def get_recursive_query_state(call) -> str:
    return enums.enabled(call.session.recursive_query)


def set_recursive_query_state(call, state) -> None:
    call.session.recursive_query = enums.is_enabled(state, "state")


def get_returned_path(call) -> str:
    return enums.RETURNED_PATH.wire(call.session.returned_path)


def set_returned_path(call, path) -> None:
    call.session.returned_path = enums.RETURNED_PATH.domain(path, "path")


def get_transaction_timeout(call) -> int:
    return call.session.transaction_timeout


def set_transaction_timeout(call, timeout) -> None:
    _table(call).set_transaction_timeout(call.session, timeout)


# --- global settings (administrators only) ----------------------------------------------


def get_session_timeout(call) -> int:
    return _table(call).session_timeout


def set_session_timeout(call, timeout) -> None:
    require_admin(call)
    _table(call).set_session_timeout(timeout)


def get_maximum_sessions(call) -> int:
    return _table(call).maximum_sessions


def set_maximum_sessions(call, sessions) -> None:
    require_admin(call)
    _table(call).set_maximum_sessions(sessions)


def get_force_sessions_state(call) -> str:
    return enums.enabled(_table(call).force_sessions)


def set_force_sessions_state(call, state) -> None:
    require_admin(call)
    _table(call).force_sessions = enums.is_enabled(state, "state")


def get_dtd_processing_state(call) -> str:
    return enums.enabled(_table(call).dtd_processing)


def set_dtd_processing_state(call, state) -> None:
    require_admin(call)
    _table(call).dtd_processing = enums.is_enabled(state, "state")


# --- transactions ------------------------------------------------------------------------


def start_transaction(call) -> int:
    return _table(call).start_transaction(call.session)


def submit_transaction(call) -> None:
    transactions.submit(call)


def rollback_transaction(call) -> None:
    transactions.rollback(call)

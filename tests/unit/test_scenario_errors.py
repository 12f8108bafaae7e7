"""Every kind of mistake in a scenario, and exactly what the user is told.

Each case is a small scenario with one mistake (two where one value is wrong
in two ways) and the full list of messages, with file, line and YAML path.
The checks that need names (operations, versions) get the real catalogue.
"""

from __future__ import annotations

import pytest

from vcmp_mock.engine.presets import BLADES, PRESETS
from vcmp_mock.engine.scenario import Catalogue, ScenarioInvalid, loads
from vcmp_mock.icontrol.interfaces import ALIASES, SUPPORTED_VERSIONS, operation_rows

CATALOGUE = Catalogue.from_rows(operation_rows(include_aliases=True), SUPPORTED_VERSIONS, ALIASES)


def case(name, text, *messages):
    return pytest.param(text, list(messages), id=name)


CASES = [
    # --- YAML ------------------------------------------------------------------
    case(
        'syntax',
        'version: 1\nguests: [{name: g1\n',
        "x.yaml:3: not valid YAML: expected ',' or '}', but got '<stream end>' (while parsing a flow mapping at line 2)",
    ),
    case(
        'dupkey',
        'version: 1\nseed: 1\nseed: 2\n',
        "x.yaml:3: duplicate key 'seed' (the mapping starts at line 1)",
    ),
    case(
        'empty',
        '',
        "x.yaml:1: the file is empty; a scenario starts with 'version: 1'",
    ),
    case(
        'comment_only',
        '# nothing\n',
        "x.yaml:1: the file is empty; a scenario starts with 'version: 1'",
    ),
    case(
        'root_list',
        '- version: 1\n',
        "x.yaml:1: a scenario is a mapping of keys, starting with 'version: 1'; this is a list",
    ),
    case(
        'root_scalar',
        'hello\n',
        "x.yaml:1: a scenario is a mapping of keys, starting with 'version: 1'; this is 'hello'",
    ),
    case(
        'nan',
        'version: 1\nevents:\n  - at: .nan\n    primary_slot: {slot: 1}\n',
        'x.yaml:3 events[0].at: must be a finite number',
    ),
    # --- unknown key -----------------------------------------------------------
    case(
        'unknown_close',
        'version: 1\ncolck: {mode: real}\n',
        "x.yaml:2 colck: unknown key 'colck'; did you mean 'clock'?",
    ),
    case(
        'unknown_far',
        'version: 1\nzzz: 1\n',
        "x.yaml:2 zzz: unknown key 'zzz'; expected one of: bigip_version, chassis, client_guests, clock, description, events, faults, guests, seed, timing, users, version",
    ),
    case(
        'nested_unknown',
        'version: 1\nguests:\n  - name: g1\n    cores: 4\n',
        "x.yaml:4 guests[0].cores: unknown key 'cores'; expected one of: allowed_slots, assigned_slots, capabilities, cores_per_slot, fips_name, hostname, initial_image, management_address, management_gateway, min_slots, name, network_mode, settled, slot_allocation, slots, ssl_mode, state, timing, virtual_disk, vlans",
    ),
    case(
        'seconds_for_truncate',
        'version: 1\nfaults:\n  - transport: {kind: truncate, fraction: 0.5, seconds: 3}\n',
        "x.yaml:3 faults[0].transport.seconds: 'seconds' applies only to kind delay or kind hang",
    ),
    # --- wrong type ------------------------------------------------------------
    case(
        'type_int',
        'version: 1\nseed: seven\n',
        "x.yaml:2 seed: must be a whole number, not 'seven'",
    ),
    case(
        'type_bool',
        'version: 1\nguests: [{name: g, settled: yes}]\n',
        "x.yaml:2 guests[0].settled: must be true or false, not 'yes'",
    ),
    case(
        'type_list',
        'version: 1\nguests: {name: g}\n',
        'x.yaml:2 guests: must be a list, not a mapping',
    ),
    case(
        'version_str',
        "version: '1'\n",
        "x.yaml:1 version: this vcmp-mock reads scenario version 1, not '1'",
    ),
    # --- impossible value ------------------------------------------------------
    case(
        'no_version',
        'seed: 1\n',
        "x.yaml:1: missing required key 'version'",
    ),
    case(
        'version2',
        'version: 2\n',
        'x.yaml:1 version: this vcmp-mock reads scenario version 1, not 2',
    ),
    case(
        'enum',
        'version: 1\nguests: [{name: g, state: deploy}]\n',
        "x.yaml:2 guests[0].state: must be one of: configured, provisioned, deployed (not 'deploy'); did you mean 'deployed'?",
    ),
    case(
        'transport_kind',
        'version: 1\nfaults:\n  - transport: {kind: reset}\n',
        "x.yaml:3 faults[0].transport.kind: must be one of: delay, connection_reset, empty_response, truncate, malformed_xml, hang (not 'reset')",
    ),
    case(
        'http_404',
        'version: 1\nfaults:\n  - http_error: {status: 404}\n',
        'x.yaml:3 faults[0].http_error.status: must be one of: 401, 500, 503 (not 404)',
    ),
    case(
        'minimum',
        'version: 1\nseed: -1\n',
        'x.yaml:2 seed: must be ≥ 0, not -1',
    ),
    case(
        'excl_min',
        'version: 1\nclock: {mode: real, scale: 0}\n',
        'x.yaml:2 clock.scale: must be > 0, not 0',
    ),
    case(
        'maximum',
        'version: 1\nfaults: [{probability: 1.5, http_error: {status: 500}}]\n',
        'x.yaml:2 faults[0].probability: must be ≤ 1, not 1.5',
    ),
    case(
        'pattern',
        'version: 1\nguests: [{name: bad name}]\n',
        "x.yaml:2 guests[0].name: 'bad name' is not a valid guest name (expected ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$)",
    ),
    case(
        'min_items',
        'version: 1\nusers: []\n',
        'x.yaml:2 users: must list at least 1 item',
    ),
    case(
        'unique',
        'version: 1\nclient_guests: [a, b, a]\n',
        "x.yaml:2 client_guests: lists 'a' more than once",
    ),
    case(
        'required',
        'version: 1\nguests:\n  - hostname: h1\n',
        "x.yaml:3 guests[0]: missing required key 'name'",
    ),
    case(
        'event_no_trigger',
        'version: 1\nevents:\n  - blade: {slot: 1, state: down}\n',
        'x.yaml:3 events[0]: needs one of: at, after_polls, on_request',
    ),
    case(
        'event_two_triggers',
        'version: 1\nevents:\n  - at: 1\n    on_request: {operation: create}\n    blade: {slot: 1, state: down}\n',
        'x.yaml:3 events[0]: has at and on_request; use only one of them',
    ),
    case(
        'event_no_action',
        'version: 1\nevents:\n  - at: 1\n',
        'x.yaml:3 events[0]: needs one of: blade, set_guest_state, delete_guest, disk_failure, disk_migration, primary_slot',
    ),
    case(
        'fault_no_action',
        'version: 1\nfaults:\n  - match: {operation: create}\n',
        'x.yaml:3 faults[0]: needs one of: soap_fault, http_error, transport, domain',
    ),
    case(
        'fault_two_actions',
        'version: 1\nfaults:\n  - http_error: {status: 500}\n    transport: {kind: empty_response}\n',
        'x.yaml:3 faults[0]: has http_error and transport; use only one of them',
    ),
    case(
        'truncate_missing',
        'version: 1\nfaults:\n  - transport: {kind: truncate}\n',
        'x.yaml:3 faults[0].transport: needs one of: after_bytes, fraction',
    ),
    case(
        'lognormal_missing',
        'version: 1\nfaults:\n  - transport: {kind: delay, distribution: lognormal, median: 1}\n',
        "x.yaml:3 faults[0].transport: missing required key 'sigma'",
    ),
    case(
        'min_slots',
        'version: 1\nguests:\n  - {name: g0}\n  - name: g1\n    min_slots: 3\n    slots: 2\n',
        'x.yaml:6 guests[1].slots: must be ≥ min_slots (3)',
    ),
    case(
        'min_slots_default',
        'version: 1\nguests:\n  - {name: g0, min_slots: 2}\n',
        'x.yaml:3 guests[0].min_slots: must be ≤ slots (1, the default)',
    ),
    case(
        'slots_gt',
        'version: 1\nguests:\n  - {name: g0, slots: 5}\n',
        'x.yaml:3 guests[0].slots: must be ≤ 4: viprion-c2400 has slots 1-4',
    ),
    case(
        'allowed_few',
        'version: 1\nguests:\n  - {name: g0, slots: 2, min_slots: 2, allowed_slots: [1]}\n',
        'x.yaml:3 guests[0].allowed_slots: allows 1 slot(s) but min_slots is 2',
    ),
    case(
        'assigned_configured',
        'version: 1\nguests:\n  - {name: g0, assigned_slots: [1]}\n',
        'x.yaml:3 guests[0].assigned_slots: a configured guest holds no slots; set state to provisioned or deployed',
    ),
    case(
        'assigned_count',
        'version: 1\nguests:\n  - {name: g0, state: deployed, initial_image: i.iso, slots: 1, assigned_slots: [1, 2]}\n',
        'x.yaml:3 guests[0].assigned_slots: holds 2 slot(s); it must hold between min_slots (1) and slots (1)',
    ),
    case(
        'cores_odd',
        'version: 1\nguests:\n  - {name: g0, cores_per_slot: 3}\n',
        'x.yaml:3 guests[0].cores_per_slot: 3 is refused: use 1 or an even number of cores',
    ),
    case(
        'cores_big',
        'version: 1\nguests:\n  - {name: g0, cores_per_slot: 10}\n',
        'x.yaml:3 guests[0].cores_per_slot: 10 is refused: no blade here has more than 8 cores',
    ),
    case(
        'assigned_cores',
        'version: 1\nchassis:\n  slots: [{id: 2, blade: {cores: 4}}]\nguests:\n  - {name: g0, state: deployed, initial_image: i.iso, cores_per_slot: 6, assigned_slots: [2]}\n',
        'x.yaml:5 guests[0].assigned_slots[0]: the blade in slot 2 has 4 cores; the guest needs 6',
    ),
    case(
        'overbooked',
        'version: 1\nguests:\n  - {name: a, state: deployed, initial_image: i.iso, cores_per_slot: 6, assigned_slots: [1]}\n  - {name: b, state: provisioned, initial_image: i.iso, cores_per_slot: 4, assigned_slots: [1]}\n',
        'x.yaml:4 guests[1].assigned_slots[0]: slot 1 is over-committed: a and b need 10 cores; the blade has 8',
    ),
    case(
        'empty_with_blade',
        'version: 1\nchassis:\n  slots:\n    - {id: 2, state: empty, blade: b2100}\n',
        'x.yaml:4 chassis.slots[0].blade: an empty slot has no blade',
    ),
    case(
        'primary_down',
        'version: 1\nchassis:\n  slots: [{id: 2, state: down}]\n  primary_slot: 2\n',
        'x.yaml:4 chassis.primary_slot: slot 2 cannot be primary: it is down',
    ),
    case(
        'dup_guest',
        'version: 1\nguests:\n  - {name: g}\n  - {name: g}\n',
        "x.yaml:4 guests[1].name: guest 'g' is listed twice (also guests[0])",
    ),
    case(
        'dup_user',
        'version: 1\nusers:\n  - {name: a, password: x}\n  - {name: a, password: y}\n',
        "x.yaml:4 users[1].name: user 'a' is listed twice (also users[0])",
    ),
    case(
        'client_overlap',
        'version: 1\nguests: [{name: g}]\nclient_guests: [g]\n',
        "x.yaml:3 client_guests[0]: 'g' is already set up under guests",
    ),
    case(
        'bigip',
        'version: 1\nbigip_version: 10.2.0\n',
        'x.yaml:2 bigip_version: BIG-IP 10.2.0 is not a release this server emulates; one of: 11.0.0, 11.1.0, 11.2.0, 11.3.0, 11.4.0, 11.4.1, 11.5.0, 11.6.0, 12.0.0, 12.1.0, 13.0.0, 13.1.0',
    ),
    case(
        'manual_scale',
        'version: 1\nclock: {mode: manual, scale: 60}\n',
        'x.yaml:2 clock.scale: applies only to mode real: a manual clock moves only when told',
    ),
    case(
        'bad_start',
        'version: 1\nclock: {mode: manual, start: 2026-01-01}\n',
        "x.yaml:2 clock.start: '2026-01-01' is not an ISO 8601 date and time with a time zone, e.g. 2026-01-01T00:00:00Z",
    ),
    case(
        'bad_start2',
        'version: 1\nclock: {mode: manual, start: yesterday}\n',
        "x.yaml:2 clock.start: 'yesterday' is not an ISO 8601 date and time with a time zone, e.g. 2026-01-01T00:00:00Z",
    ),
    case(
        'template',
        "version: 1\ntiming: {install_comment: 'at {pct}%'}\n",
        'x.yaml:2 timing.install_comment: unknown placeholder {pct}; use {percent}, {slot}, {guest}, {disk}, {reason}',
    ),
    case(
        'template_brace',
        "version: 1\nguests:\n  - name: g\n    timing: {migrate_comment: 'at {percent'}\n",
        "x.yaml:4 guests[0].timing.migrate_comment: not a valid template (expected '}' before end of string); write {{ and }} for braces",
    ),
    case(
        'domain_no_phase',
        'version: 1\nfaults:\n  - domain: {effect: fail}\n',
        'x.yaml:3 faults[0].match: a domain fault needs match.phase: the phase that goes wrong',
    ),
    case(
        'domain_operation',
        'version: 1\nfaults:\n  - match: {phase: starting, operation: create, user: admin}\n    domain: {effect: fail}\n',
        "x.yaml:3 faults[0].match.operation: a domain fault matches a guest's phase, not a request; remove it",
        "x.yaml:3 faults[0].match.user: a domain fault matches a guest's phase, not a request; remove it",
    ),
    case(
        'nth_skip',
        'version: 1\nfaults:\n  - match: {nth: 2}\n    skip: 1\n    http_error: {status: 500}\n',
        'x.yaml:4 faults[0].skip: use match.nth or skip, not both: nth picks one call already',
    ),
    case(
        'until',
        'version: 1\nfaults:\n  - match: {since: 60, until: 30}\n    http_error: {status: 500}\n',
        'x.yaml:3 faults[0].match.until: must be after since (60)',
    ),
    case(
        'retry_after',
        'version: 1\nfaults:\n  - http_error: {status: 500, retry_after: 3}\n',
        'x.yaml:3 faults[0].http_error.retry_after: applies only to status 503',
    ),
    case(
        'delay_keys',
        'version: 1\nfaults:\n  - transport: {kind: delay, distribution: lognormal, median: 1, sigma: 1, min: 0.5}\n',
        'x.yaml:3 faults[0].transport.min: applies only to distribution uniform',
    ),
    case(
        'delay_fixed_keys',
        'version: 1\nfaults:\n  - transport: {kind: delay, seconds: 1, sigma: 1}\n',
        'x.yaml:3 faults[0].transport.sigma: applies only to distribution lognormal',
    ),
    case(
        'uniform_order',
        'version: 1\nfaults:\n  - transport: {kind: delay, distribution: uniform, min: 3, max: 1}\n',
        'x.yaml:3 faults[0].transport.max: must be ≥ min (3)',
    ),
    case(
        'migration_same',
        'version: 1\nguests: [{name: g}]\nevents:\n  - at: 1\n    disk_migration: {guest: g, from_slot: 2, to_slot: 2}\n',
        'x.yaml:5 events[0].disk_migration.to_slot: must differ from from_slot',
    ),
    case(
        'blade_blade',
        'version: 1\nevents:\n  - at: 1\n    blade: {slot: 2, state: down, blade: b2100}\n',
        'x.yaml:4 events[0].blade.blade: applies only to state inserted',
    ),
    case(
        'nth_times',
        'version: 1\nevents:\n  - on_request: {operation: create, nth: 2, times: 2}\n    primary_slot: {slot: 2}\n',
        'x.yaml:3 events[0].on_request.times: use nth or times, not both: nth fires on one request only',
    ),
    case(
        'settled_without_image',
        'version: 1\nguests:\n  - {name: g, state: provisioned}\n',
        'x.yaml:3 guests[0]: a provisioned guest needs initial_image: its disk was installed from it',
    ),
    case(
        'settled_configured',
        'version: 1\nguests:\n  - {name: g, settled: false}\n',
        'x.yaml:3 guests[0].settled: applies to provisioned and deployed guests; a configured guest holds nothing',
    ),
    case(
        'mgmt',
        'version: 1\nguests:\n  - {name: g, management_address: 300.1.1.1/24}\n',
        "x.yaml:3 guests[0].management_address: '300.1.1.1' is refused: not an IPv4 or IPv6 address",
    ),
    case(
        'mgmt_mask',
        'version: 1\nguests:\n  - {name: g, management_address: 10.0.0.1/255.0.255.0}\n',
        "x.yaml:3 guests[0].management_address: '255.0.255.0' is refused: the mask bits must be contiguous",
    ),
    case(
        'gateway',
        "version: 1\nguests:\n  - {name: g, management_address: 10.0.0.5/24, management_gateway: 'fe80::1'}\n",
        "x.yaml:3 guests[0].management_gateway: 'fe80::1' is refused: the gateway and the address must be the same IP version",
    ),
    case(
        'hostname',
        'version: 1\nguests:\n  - {name: g, hostname: -bad-.example}\n',
        "x.yaml:3 guests[0].hostname: '-bad-.example' is refused: not a valid host name",
    ),
    case(
        'image',
        'version: 1\nguests:\n  - {name: g, initial_image: /shared/images/x.iso}\n',
        "x.yaml:3 guests[0].initial_image: '/shared/images/x.iso' is refused: a plain file name is expected (letters, digits, '_', '.', '+', '-')",
    ),
    case(
        'vlan',
        "version: 1\nguests:\n  - {name: g, vlans: [ok, 'bad vlan']}\n",
        "x.yaml:3 guests[0].vlans[1]: 'bad vlan' is refused: not a valid object name",
    ),
    # --- unknown reference -----------------------------------------------------
    case(
        'preset',
        'version: 1\nchassis: {preset: viprion-c2401}\n',
        "x.yaml:2 chassis.preset: unknown preset 'viprion-c2401'; did you mean 'viprion-c2400'?",
    ),
    case(
        'preset_far',
        'version: 1\nchassis: {preset: mainframe}\n',
        "x.yaml:2 chassis.preset: unknown preset 'mainframe'; known: " + ", ".join(sorted(PRESETS)),
    ),
    case(
        'blade',
        'version: 1\nchassis: {blade: b2101}\n',
        "x.yaml:2 chassis.blade: unknown blade model 'b2101'; did you mean 'b2150'?",
    ),
    case(
        'blade_in_map',
        'version: 1\nchassis: {blade: {model: b9}}\n',
        "x.yaml:2 chassis.blade.model: unknown blade model 'b9'; known: " + ", ".join(sorted(BLADES)),
    ),
    case(
        'slot_range',
        'version: 1\nchassis:\n  slots:\n    - {id: 5, state: empty}\n',
        'x.yaml:4 chassis.slots[0].id: slot 5 does not exist: viprion-c2400 has slots 1-4',
    ),
    case(
        'slot_dup',
        'version: 1\nchassis:\n  slots:\n    - {id: 2, state: empty}\n    - {id: 2, state: down}\n',
        'x.yaml:5 chassis.slots[1].id: slot 2 is listed twice (also chassis.slots[0])',
    ),
    case(
        'primary_range',
        'version: 1\nchassis:\n  primary_slot: 7\n',
        'x.yaml:3 chassis.primary_slot: slot 7 does not exist: viprion-c2400 has slots 1-4',
    ),
    case(
        'allowed_range',
        'version: 1\nguests:\n  - {name: g0, allowed_slots: [1, 9]}\n',
        'x.yaml:3 guests[0].allowed_slots[1]: slot 9 does not exist: viprion-c2400 has slots 1-4',
    ),
    case(
        'assigned_not_allowed',
        'version: 1\nguests:\n  - {name: g0, state: deployed, initial_image: i.iso, allowed_slots: [1, 2], assigned_slots: [3]}\n',
        'x.yaml:3 guests[0].assigned_slots[0]: slot 3 is not in allowed_slots',
    ),
    case(
        'assigned_empty',
        'version: 1\nchassis:\n  slots: [{id: 2, state: empty}]\nguests:\n  - {name: g0, state: deployed, initial_image: i.iso, assigned_slots: [2]}\n',
        'x.yaml:5 guests[0].assigned_slots[0]: slot 2 is empty',
    ),
    case(
        'event_guest',
        'version: 1\nguests: [{name: g1}]\nevents:\n  - at: 5\n    set_guest_state: {guest: g9, state: deployed}\n',
        "x.yaml:5 events[0].set_guest_state.guest: unknown guest 'g9' (guests here: g1; name guests the client creates under client_guests)",
    ),
    case(
        'event_guest_none',
        'version: 1\nevents:\n  - at: 5\n    delete_guest: {guest: g9}\n',
        "x.yaml:4 events[0].delete_guest.guest: unknown guest 'g9' (no guests are listed; name guests the client creates under client_guests)",
    ),
    case(
        'event_slot',
        'version: 1\nevents:\n  - at: 5\n    blade: {slot: 6, state: down}\n',
        'x.yaml:4 events[0].blade.slot: slot 6 does not exist: viprion-c2400 has slots 1-4',
    ),
    case(
        'fault_guest',
        'version: 1\nclient_guests: [new]\nfaults:\n  - match: {guest: neu}\n    http_error: {status: 500}\n',
        "x.yaml:4 faults[0].match.guest: unknown guest 'neu' (guests here: new; name guests the client creates under client_guests)",
    ),
    case(
        'fault_slot',
        'version: 1\nfaults:\n  - match: {slot: 5, phase: installing}\n    domain: {effect: stall}\n',
        'x.yaml:3 faults[0].match.slot: slot 5 does not exist: viprion-c2400 has slots 1-4',
    ),
    case(
        'operation',
        'version: 1\nfaults:\n  - match: {operation: set_guest_sate}\n    http_error: {status: 500}\n',
        "x.yaml:3 faults[0].match.operation: unknown operation 'set_guest_sate'; did you mean 'set_guest_state'?",
    ),
    case(
        'operation_iface',
        'version: 1\nfaults:\n  - match: {interface: System.Cluster, operation: set_guest_state}\n    http_error: {status: 500}\n',
        "x.yaml:3 faults[0].match.operation: 'set_guest_state' is not an operation of System.Cluster; it belongs to Management.VCMP, System.VCMP",
    ),
    case(
        'interface',
        'version: 1\nfaults:\n  - match: {interface: System.VCPM}\n    http_error: {status: 500}\n',
        "x.yaml:3 faults[0].match.interface: unknown interface 'System.VCPM'; did you mean 'System.VCMP'?",
    ),
    case(
        'op_version',
        'version: 1\nbigip_version: 12.1.0\nfaults:\n  - match: {operation: get_fips_name}\n    http_error: {status: 500}\n',
        "x.yaml:4 faults[0].match.operation: 'get_fips_name' exists from BIG-IP 13.1.0; this scenario emulates 12.1.0",
    ),
    case(
        'poll_op',
        'version: 1\nclient_guests: [g]\nevents:\n  - after_polls: {guest: g, count: 2, operation: get_completion}\n    primary_slot: {slot: 2}\n',
        "x.yaml:4 events[0].after_polls.operation: unknown operation 'get_completion'; did you mean 'get_completion_status'?",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_mistake_is_reported_with_line_path_and_message(text, expected):
    with pytest.raises(ScenarioInvalid) as caught:
        loads(text, "x.yaml", CATALOGUE)
    assert [str(e) for e in caught.value.errors] == expected

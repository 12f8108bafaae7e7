#!/usr/bin/perl
# ----------------------------------------------------------------------------
# vcmp.pl: drives System.VCMP the way F5's iControl Perl samples do.
#
#   vcmp.pl <https|http> <host> <port> <user> <password> <command> [guest]
#
# One SOAP::Lite object per interface (uri = the interface namespace, proxy =
# the portal), every argument named with SOAP::Data->name, credentials given
# both through get_basic_credentials and as a ready-made Authorization header
# (the samples do that to save the 401 round trip), and a typecast hook that
# hands urn:iControl enumeration values back as plain strings, as the
# samples' iControlTypeCast.pm does. Results are printed as one JSON object
# so that the test driving this script can check them.
#
# Commands:
#   lifecycle <guest>   create -> provisioned -> deployed (polling) -> read back
#                       -> configured -> delete, with a few refusals on the way
#   challenge           get_list without the ready-made header: LWP answers the
#                       401 challenge with get_basic_credentials
#   notypecast <guest>  get_guest_state without the typecast hook (SOAP::Lite
#                       cannot decode iControl enumerations on its own)
# ----------------------------------------------------------------------------
use strict;
use warnings;
use SOAP::Lite;
use MIME::Base64;
use JSON::PP;
use Time::HiRes qw(sleep time);
use Scalar::Util qw(reftype);

my ($sProtocol, $sHost, $sPort, $sUID, $sPWD, $sCommand, $sGuest) = @ARGV;
die "usage: $0 <https|http> <host> <port> <user> <password> <command> [guest]\n"
    unless defined $sCommand;

# The portal's certificate is self-signed, as on a box fresh out of the crate.
$ENV{PERL_LWP_SSL_VERIFY_HOSTNAME} = 0;

sub SOAP::Transport::HTTP::Client::get_basic_credentials { return $sUID => $sPWD; }

# ----------------------------------------------------------------------------
# The typecast map: the urn:iControl types this script may read back. For an
# enumeration the hook hands back the text; without it SOAP::Lite dies on the
# unknown type. Structs decode into hashes either way (their value is undef
# here, so SOAP::Lite goes on); they are listed too, like the full maps that
# F5-style scripts load.
# ----------------------------------------------------------------------------
my %urn_map = map { ("{urn:iControl}$_" => 1) } qw(
    Common.EnabledState
    Common.Feature
    Common.HAAction
    Common.HAState
    Common.IPNetmask
    Common.ProvisionLevel
    Common.Statistic
    Common.StatisticType
    Common.TimeStamp
    Common.ULong64
    System.VCMP.VCMPCapabilityID
    System.VCMP.VCMPCompletionStatus
    System.VCMP.VCMPGuestState
    System.VCMP.VCMPNetworkMode
    System.VCMP.VCMPOperatingSystem
    System.VCMP.VCMPSSLMode
    System.VCMP.VCMPSlotAllocation
    System.VCMP.VCMPStatisticEntry
    System.VCMP.VCMPStatistics
    System.VCMP.VCMPStatus
    System.VCMP.VirtualDisk
    System.VCMP.VirtualDiskStatus
);

unless ($sCommand eq 'notypecast') {
    no warnings 'redefine';
    *SOAP::Deserializer::typecast = sub {
        my ($self, $value, $name, $attrs, $children, $type) = @_;
        return (defined $type && $urn_map{$type}) ? $value : undef;
    };
}

sub interface {
    my ($name, $preemptive) = @_;
    my $soap = SOAP::Lite
        ->uri("urn:iControl:$name")
        ->proxy("$sProtocol://$sHost:$sPort/iControl/iControlPortal.cgi",
                ssl_opts => { verify_hostname => 0, SSL_verify_mode => 0 });
    if ($preemptive) {
        $soap->transport->http_request->header(
            'Authorization' => 'Basic ' . MIME::Base64::encode("$sUID:$sPWD", ''));
    }
    return $soap;
}

my %report;
my $VCMP = interface('System/VCMP', $sCommand ne 'challenge');

# Calls a method; a fault is recorded under $label and undef returned.
sub call {
    my ($label, $method, @args) = @_;
    my $soapResponse = $VCMP->$method(@args);
    if ($soapResponse->fault) {
        $report{faults}{$label} = {
            code   => $soapResponse->faultcode,
            string => $soapResponse->faultstring,
        };
        return undef;
    }
    return plain($soapResponse->result);
}

# Like call, but a fault here is a failure of the whole run.
sub must {
    my ($method, @args) = @_;
    my $result = call($method, $method, @args);
    die "$method faulted: $report{faults}{$method}{string}\n" if exists $report{faults}{$method};
    return $result;
}

sub guests { return SOAP::Data->name(guests => [@_]); }

# Results as plain arrays and hashes (SOAP::Lite blesses them after their
# arrayType), so that they print as JSON.
sub plain {
    my ($value) = @_;
    my $kind = reftype($value) // '';
    return [map { plain($_) } @$value] if $kind eq 'ARRAY';
    return { map { ($_ => plain($value->{$_})) } keys %$value } if $kind eq 'HASH';
    return $value;
}

# Polls get_completion_status until every slot's request is complete; with
# $released, until the guest holds no slot any more.
sub wait_for {
    my ($guest, $released) = @_;
    my @seen;
    my $deadline = time() + 20;
    while (time() < $deadline) {
        my $records = must('get_completion_status', guests($guest))->[0];
        push @seen, $records;
        my $done = @$records ? !$released : $released;
        $done &&= !grep { $_->{request_complete} ne 'true' && $_->{request_complete} ne '1' } @$records;
        return \@seen if $done;
        sleep(0.05);
    }
    die "$guest did not complete in time\n";
}

sub set_state {
    my ($guest, $state) = @_;
    must('set_guest_state', guests($guest), SOAP::Data->name(states => [$state]));
}

sub lifecycle {
    my ($g) = @_;
    $report{version} = must('get_version');
    must('create',
        guests($g),
        SOAP::Data->name(hostnames => ["$g.example.com"]),
        SOAP::Data->name(images    => ['BIGIP-13.1.0.0.0.1868.iso']),
        SOAP::Data->name(addresses => [{ address => '10.0.0.21', netmask => '255.255.255.0' }]),
        SOAP::Data->name(gateways  => ['10.0.0.1']),
        SOAP::Data->name(vlans     => [['vlan10', 'vlan20']]),
    );
    $report{list} = must('get_list');
    $report{created_state} = must('get_guest_state', guests($g))->[0];

    # Parameters passed without a name get generated ones; the portal wants
    # the WSDL's names.
    call('unnamed', 'get_guest_state', [$g]);
    call('duplicate', 'create', guests($g),
        SOAP::Data->name(hostnames => ['x']), SOAP::Data->name(images => ['i.iso']),
        SOAP::Data->name(addresses => [{ address => '10.0.0.22', netmask => '255.255.255.0' }]),
        SOAP::Data->name(gateways => ['10.0.0.1']), SOAP::Data->name(vlans => [[]]));

    must('set_guest_slots', guests($g), SOAP::Data->name(slots => [2]));
    must('set_guest_cores_per_slot', guests($g), SOAP::Data->name(cores_per_slots => [4]));
    must('add_capability', guests($g),
        SOAP::Data->name(capabilities => [['VCMP_CAPABILITY_APPLIANCE_MODE']]),
        SOAP::Data->name(values => [[{ high => 0, low => 1 }]]));

    set_state($g, 'VCMP_GUEST_STATE_PROVISIONED');
    $report{provisioning} = wait_for($g, 0);

    set_state($g, 'VCMP_GUEST_STATE_DEPLOYED');
    $report{deploying} = wait_for($g, 0);
    $report{deployed_state} = must('get_guest_state', guests($g))->[0];
    $report{assigned} = must('get_guest_assigned_slots', guests($g))->[0];
    $report{cores} = must('get_guest_cores_per_slot', guests($g))->[0];
    $report{address} = must('get_management_address', guests($g))->[0];
    $report{vlans} = must('get_vlan', guests($g))->[0];
    $report{capability_value} = must('get_capability_value', guests($g),
        SOAP::Data->name(capabilities => [['VCMP_CAPABILITY_APPLIANCE_MODE']]))->[0][0];
    my $statistics = must('get_statistics', guests($g));
    $report{statistics} = [map { { guest => $_->{guest}, slot_id => $_->{slot_id}, cores => $_->{cores},
                                   counters => scalar @{ $_->{statistics} } } }
                           @{ $statistics->{statistics} }];
    $report{time_stamp} = $statistics->{time_stamp};
    $report{disks} = must('get_virtual_disk_list');
    call('disk_in_use', 'delete_virtual_disk', SOAP::Data->name(disks => [$report{disks}[0]]));
    call('cores_while_deployed', 'set_guest_cores_per_slot', guests($g),
        SOAP::Data->name(cores_per_slots => [2]));

    set_state($g, 'VCMP_GUEST_STATE_CONFIGURED');
    wait_for($g, 1);
    must('delete_guest', guests($g));
    $report{list_after_delete} = must('get_list');
    call('deleted', 'get_guest_state', guests($g));
}

# Without the typecast hook SOAP::Lite dies on the first enumeration value.
sub notypecast {
    my ($g) = @_;
    must('create', guests($g), SOAP::Data->name(hostnames => ["$g.example.com"]),
        SOAP::Data->name(images => ['BIGIP-13.1.0.0.0.1868.iso']),
        SOAP::Data->name(addresses => [{ address => '10.0.0.23', netmask => '255.255.255.0' }]),
        SOAP::Data->name(gateways => ['10.0.0.1']), SOAP::Data->name(vlans => [[]]));
    $report{list} = must('get_list');
    $report{state} = eval { must('get_guest_state', guests($g)) };
    $report{decode_error} = $@;
    must('delete_guest', guests($g));
}

my %commands = (
    lifecycle  => \&lifecycle,
    challenge  => sub { $report{list} = must('get_list'); },
    notypecast => \&notypecast,
);
die "unknown command $sCommand\n" unless $commands{$sCommand};
my $ok = eval { $commands{$sCommand}->($sGuest); 1 };
$report{error} = $@ unless $ok;

print JSON::PP->new->canonical->encode(\%report), "\n";
exit($ok ? 0 : 1);

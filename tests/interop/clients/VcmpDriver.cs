// VcmpDriver: drives System.VCMP and System.Cluster through proxies made by
// wsdl (Mono's wsdl.exe) from the portal's WSDLs, the way F5's .NET library
// does: one SoapHttpClientProtocol per interface with Url set to the portal,
// Credentials plus PreAuthenticate for Basic auth, and a certificate callback
// that accepts the box's self-signed certificate.
//
//   mono VcmpDriver.exe <portal url> <user> <password> <guest>
//
// Prints one "key<TAB>value" line per observation; the test reads them.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Web.Services.Protocols;
using iControl;

public static class VcmpDriver
{
    static void Out(string key, object value)
    {
        Console.WriteLine(key + "\t" + value);
    }

    static string Escape(string text)
    {
        return text.Replace("\n", "\\n").Replace("\t", "\\t");
    }

    // Runs a call that must fault; prints the exception type, code and text.
    static void Fault(string key, Action call)
    {
        try
        {
            call();
            Out(key, "NO FAULT");
        }
        catch (SoapException fault)
        {
            Out(key + ".type", fault.GetType().Name);
            Out(key + ".code", fault.Code.Name);
            Out(key, Escape(fault.Message));
        }
        catch (WebException error)
        {
            Out(key + ".type", error.GetType().Name);
            var response = error.Response as HttpWebResponse;
            Out(key + ".code", response == null ? "none" : ((int) response.StatusCode).ToString());
            Out(key, response == null ? Escape(error.Message) : response.StatusDescription);
        }
    }

    static T Connect<T>(string url, string user, string password) where T : SoapHttpClientProtocol, new()
    {
        var proxy = new T();
        proxy.Url = url;
        proxy.Credentials = new NetworkCredential(user, password);
        proxy.PreAuthenticate = true;
        proxy.Timeout = 60000;
        return proxy;
    }

    static string Statuses(SystemVCMPVCMPCompletionStatus[] records)
    {
        return string.Join(",", records.Select(r => string.Join(":", new object[] {
            r.slot_id, r.status, r.request_complete ? "true" : "false", r.requested_state, r.comment })));
    }

    // Polls get_completion_status until every slot is complete (or, with
    // released, until the guest holds no slot); prints every poll.
    static void WaitFor(SystemVCMPBinding vcmp, string guest, string label, bool released)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var records = vcmp.get_completion_status(new[] { guest })[0];
            Out(label, Statuses(records));
            bool done = released ? records.Length == 0 : records.Length > 0;
            if (done && records.All(r => r.request_complete))
            {
                return;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException(guest + " did not complete in time");
    }

    // A result as JSON: arrays as lists, enumerations as their names, data
    // classes as objects of their properties.
    static string Json(object value)
    {
        if (value == null) return "null";
        if (value is string text)
        {
            return "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")
                .Replace("\t", "\\t").Replace("\r", "\\r") + "\"";
        }
        if (value is bool flag) return flag ? "true" : "false";
        if (value is Enum) return Json(value.ToString());
        if (value is Array items) return "[" + string.Join(",", items.Cast<object>().Select(Json)) + "]";
        if (value.GetType().IsPrimitive) return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        var members = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => Json(p.Name) + ":" + Json(p.GetValue(value)));
        return "{" + string.Join(",", members) + "}";
    }

    // Calls every read operation (get_*, is_*) of a proxy through .NET's
    // deserialisers; arguments are chosen by parameter type.
    static void ReadEverything(string iface, SoapHttpClientProtocol proxy, Dictionary<Type, object> byType)
    {
        var methods = proxy.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && (m.Name.StartsWith("get_") || m.Name.StartsWith("is_"))
                        && !m.Name.EndsWith("Async"));
        foreach (var m in methods)
        {
            var args = m.GetParameters().Select(p => byType[p.ParameterType]).ToArray();
            try
            {
                Out("read." + iface + "." + m.Name, Json(m.Invoke(proxy, args)));
            }
            catch (TargetInvocationException e)
            {
                Out("read." + iface + "." + m.Name, "FAULT " + Escape(e.InnerException.ToString()));
            }
        }
    }

    public static int Main(string[] args)
    {
        string url = args[0], user = args[1], password = args[2], guest = args[3];
        ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => true;

        var vcmp = Connect<SystemVCMPBinding>(url, user, password);
        var cluster = Connect<SystemClusterBinding>(url, user, password);
        var g = new[] { guest };

        Out("version", vcmp.get_version());
        Out("clustered", cluster.is_clustered_environment() ? "true" : "false");
        long[][] slotIds = cluster.get_slot_id(new[] { "default" });
        Out("slot_ids", string.Join(",", slotIds[0]));
        Out("member_enabled", string.Join(",", cluster.get_member_enabled_state(new[] { "default" }, slotIds)[0]));

        vcmp.create(g, new[] { guest + ".example.com" }, new[] { "BIGIP-13.1.0.0.0.1868.iso" },
                    new[] { new CommonIPNetmask { address = "10.0.0.41", netmask = "255.255.255.0" } },
                    new[] { "10.0.0.1" }, new[] { new[] { "vlan10", "vlan20" } });
        Out("list", string.Join(",", vcmp.get_list()));
        Out("created_state", vcmp.get_guest_state(g)[0]);
        vcmp.set_slot_allocation(g, new[] { SystemVCMPVCMPSlotAllocation.VCMP_SLOT_ALLOCATION_SINGLE });
        vcmp.set_guest_cores_per_slot(g, new[] { 2 });
        vcmp.set_network_mode(g, new[] { SystemVCMPVCMPNetworkMode.VCMP_NETWORK_MODE_ISOLATED });
        vcmp.add_capability(g, new[] { new[] { SystemVCMPVCMPCapabilityID.VCMP_CAPABILITY_STATS_ISOLATED_MODE } },
                            new[] { new[] { new CommonULong64 { high = 0, low = 9 } } });

        vcmp.set_guest_state(g, new[] { SystemVCMPVCMPGuestState.VCMP_GUEST_STATE_DEPLOYED });
        WaitFor(vcmp, guest, "deploying", false);

        Out("state", vcmp.get_guest_state(g)[0]);
        Out("assigned", string.Join(",", vcmp.get_guest_assigned_slots(g)[0]));
        Out("cores", vcmp.get_guest_cores_per_slot(g)[0]);
        Out("network_mode", vcmp.get_network_mode(g)[0]);
        var address = vcmp.get_management_address(g)[0];
        Out("address", address.address + "/" + address.netmask);
        Out("vlans", string.Join(",", vcmp.get_vlan(g)[0]));
        var value = vcmp.get_capability_value(g, vcmp.get_capability(g))[0][0];
        Out("capability_value", value.high + ":" + value.low);
        var statistics = vcmp.get_statistics(g);
        foreach (var e in statistics.statistics)
        {
            Out("vm", string.Join(":", new object[] { e.guest, e.slot_id, e.cores, e.statistics.Length,
                                                      e.statistics[0].type }));
        }
        Out("time_stamp_year", statistics.time_stamp.year);
        var disks = vcmp.get_virtual_disk_list();
        foreach (var d in disks)
        {
            Out("disk", d.slot_id + ":" + d.filename);
        }
        foreach (var e in vcmp.get_virtual_disk_statistics(disks).statistics)
        {
            Out("disk_status", e.disk.filename + ":" + e.status + ":" + e.os);
        }

        ReadEverything("System.VCMP", vcmp, new Dictionary<Type, object> {
            { typeof(string[]), g },
            { typeof(SystemVCMPVCMPCapabilityID[][]), vcmp.get_capability(g) },
            { typeof(SystemVCMPVirtualDisk[]), disks },
        });
        ReadEverything("System.Cluster", cluster, new Dictionary<Type, object> {
            { typeof(string[]), new[] { "default" } },
            { typeof(long[][]), slotIds },
        });

        Fault("fault.disk_in_use", () => vcmp.delete_virtual_disk(new[] { disks[0] }));
        Fault("fault.unknown_guest", () => vcmp.get_hostname(new[] { "nope" }));
        Fault("fault.primary_slot", () => cluster.set_current_primary_slot(new[] { "default" }, new long[] { 2 }));

        vcmp.set_guest_state(g, new[] { SystemVCMPVCMPGuestState.VCMP_GUEST_STATE_CONFIGURED });
        WaitFor(vcmp, guest, "releasing", true);
        vcmp.delete_guest(g);
        Out("list_after_delete", vcmp.get_list().Length);

        var wrong = Connect<SystemVCMPBinding>(url, user, password + "-wrong");
        Fault("fault.wrong_password", () => wrong.get_list());
        Out("done", "ok");
        return 0;
    }
}

// VcmpDriver: drives System.VCMP and System.Cluster through Apache Axis 1.4
// stubs made by WSDL2Java -p iControl, the way F5's iControl.jar and its Java
// samples do: a Locator gives the port for the portal URL, the stub gets the
// user name and password (Axis then sends Basic credentials up front), and a
// trust-all TLS context stands in for iControl's XTrustProvider, since boxes
// have self-signed certificates.
//
//   java VcmpDriver <portal url> <user> <password> <guest>
//
// Prints one "key<TAB>value" line per observation; the test reads them.

import iControl.CommonEnabledState;
import iControl.CommonHAAction;
import iControl.CommonIPNetmask;
import iControl.CommonULong64;
import iControl.SystemClusterBindingStub;
import iControl.SystemClusterLocator;
import iControl.SystemVCMPBindingStub;
import iControl.SystemVCMPLocator;
import iControl.SystemVCMPVCMPCapabilityID;
import iControl.SystemVCMPVCMPCompletionStatus;
import iControl.SystemVCMPVCMPGuestState;
import iControl.SystemVCMPVCMPNetworkMode;
import iControl.SystemVCMPVCMPSSLMode;
import iControl.SystemVCMPVCMPSlotAllocation;
import iControl.SystemVCMPVCMPStatisticEntry;
import iControl.SystemVCMPVCMPStatistics;
import iControl.SystemVCMPVirtualDisk;
import iControl.SystemVCMPVirtualDiskStatisticEntry;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.axis.AxisFault;

public class VcmpDriver {
    interface Call {
        void run() throws Exception;
    }

    static void out(String key, Object value) {
        System.out.println(key + "\t" + value);
    }

    // Runs a call that must fault; prints its fault string under key.
    static void fault(String key, Call call) throws Exception {
        try {
            call.run();
            out(key, "NO FAULT");
        } catch (AxisFault fault) {
            out(key + ".code", fault.getFaultCode().getLocalPart());
            out(key, fault.getFaultString().replace("\n", "\\n").replace("\t", "\\t"));
        }
    }

    static void trustAll() throws Exception {
        TrustManager[] all = {new X509TrustManager() {
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            public void checkClientTrusted(X509Certificate[] chain, String type) { }
            public void checkServerTrusted(X509Certificate[] chain, String type) { }
        }};
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, all, new SecureRandom());
        SSLContext.setDefault(context);
    }

    static String statuses(SystemVCMPVCMPCompletionStatus[] records) {
        List<String> parts = new ArrayList<>();
        for (SystemVCMPVCMPCompletionStatus r : records) {
            parts.add(r.getSlot_id() + ":" + r.getStatus().getValue() + ":" + r.isRequest_complete()
                      + ":" + r.getRequested_state().getValue() + ":" + r.getComment());
        }
        return String.join(",", parts);
    }

    // Polls get_completion_status until every slot is complete (or, with
    // released, until the guest holds no slot); prints every poll.
    static void waitFor(SystemVCMPBindingStub vcmp, String guest, String label, boolean released)
            throws Exception {
        long deadline = System.currentTimeMillis() + 20000;
        while (System.currentTimeMillis() < deadline) {
            SystemVCMPVCMPCompletionStatus[] records = vcmp.get_completion_status(new String[] {guest})[0];
            out(label, statuses(records));
            boolean done = released ? records.length == 0 : records.length > 0;
            for (SystemVCMPVCMPCompletionStatus r : records) {
                done &= r.isRequest_complete();
            }
            if (done) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(guest + " did not complete in time");
    }

    // A result as JSON: arrays as lists, enumerations as their names, beans
    // as objects of their properties.
    static String json(Object value) throws Exception {
        if (value == null) {
            return "null";
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(json(Array.get(value, i)));
            }
            return "[" + String.join(",", items) + "]";
        }
        if (value instanceof String) {
            String text = ((String) value).replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
            return "\"" + text + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (hasStatic(type, "fromValue")) {  // an Axis enumeration
            return json(value.toString());
        }
        TreeMap<String, String> fields = new TreeMap<>();
        for (Method getter : type.getMethods()) {
            String name = getter.getName();
            boolean bean = (name.startsWith("get") || name.startsWith("is")) && getter.getParameterCount() == 0
                && !Modifier.isStatic(getter.getModifiers()) && !name.equals("getClass");
            if (bean) {
                String field = name.substring(name.startsWith("is") ? 2 : 3);
                fields.put(Character.toLowerCase(field.charAt(0)) + field.substring(1), json(getter.invoke(value)));
            }
        }
        List<String> members = new ArrayList<>();
        for (String name : fields.keySet()) {
            members.add(json(name) + ":" + fields.get(name));
        }
        return "{" + String.join(",", members) + "}";
    }

    static boolean hasStatic(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    // Calls every read operation (get_*, is_*) of a stub through Axis'
    // deserialisers; arguments are chosen by parameter type.
    static void readEverything(String iface, Object stub, Class<?> port, Object[] byType) throws Exception {
        for (Method m : port.getMethods()) {
            if (!m.getName().startsWith("get_") && !m.getName().startsWith("is_")) {
                continue;
            }
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                for (int k = 0; k < byType.length; k += 2) {
                    if (byType[k] == m.getParameterTypes()[i]) {
                        args[i] = byType[k + 1];
                    }
                }
            }
            try {
                out("read." + iface + "." + m.getName(), json(m.invoke(stub, args)));
            } catch (InvocationTargetException e) {
                out("read." + iface + "." + m.getName(), "FAULT " + e.getCause());
            }
        }
    }

    // Every write operation not used by the lifecycle, each followed by the
    // read that shows its effect; a fresh guest, then the cluster, then the
    // delete_all_* operations.
    static void writeEverything(SystemVCMPBindingStub vcmp, SystemClusterBindingStub cluster, String guest)
            throws Exception {
        String[] w = {guest};
        SystemVCMPVCMPCapabilityID appliance = SystemVCMPVCMPCapabilityID.VCMP_CAPABILITY_APPLIANCE_MODE;
        vcmp.create(w, new String[] {guest + ".example.com"}, new String[] {"BIGIP-13.1.0.0.0.1868.iso"},
                    new CommonIPNetmask[] {new CommonIPNetmask("10.0.0.32", "255.255.255.0")},
                    new String[] {"10.0.0.1"}, new String[][] {{}});
        vcmp.add_vlan(w, new String[][] {{"vlan30", "vlan40"}});
        vcmp.remove_vlan(w, new String[][] {{"vlan30"}});
        out("write.add_remove_vlan", json(vcmp.get_vlan(w)));
        vcmp.remove_all_vlans(w);
        out("write.remove_all_vlans", json(vcmp.get_vlan(w)));
        vcmp.set_hostname(w, new String[] {"renamed.example.com"});
        out("write.set_hostname", json(vcmp.get_hostname(w)));
        vcmp.set_initial_image(w, new String[] {"BIGIP-12.1.2.0.0.249.iso"});
        out("write.set_initial_image", json(vcmp.get_initial_image(w)));
        vcmp.set_management_address(w, new CommonIPNetmask[] {new CommonIPNetmask("192.0.2.5", "255.255.0.0")});
        out("write.set_management_address", json(vcmp.get_management_address(w)));
        vcmp.set_management_gateway(w, new String[] {"192.0.2.1"});
        out("write.set_management_gateway", json(vcmp.get_management_gateway(w)));
        vcmp.set_network_mode(w, new SystemVCMPVCMPNetworkMode[] {SystemVCMPVCMPNetworkMode.VCMP_NETWORK_MODE_HOST_ONLY});
        out("write.set_network_mode", json(vcmp.get_network_mode(w)));
        vcmp.set_ssl_mode(w, new SystemVCMPVCMPSSLMode[] {SystemVCMPVCMPSSLMode.VCMP_SSL_MODE_DEDICATED});
        out("write.set_ssl_mode", json(vcmp.get_ssl_mode(w)));
        vcmp.set_fips_name(w, new String[] {"fips-1"});
        out("write.set_fips_name", json(vcmp.get_fips_name(w)));
        vcmp.set_virtual_disk(w, new String[] {"custom.img"});
        out("write.set_virtual_disk", json(vcmp.get_virtual_disk(w)));
        vcmp.set_slot_allocation(w, new SystemVCMPVCMPSlotAllocation[] {SystemVCMPVCMPSlotAllocation.VCMP_SLOT_ALLOCATION_ALL});
        out("write.set_slot_allocation", json(vcmp.get_guest_slots(w)));
        vcmp.set_guest_min_slots(w, new int[] {2});
        out("write.set_guest_min_slots", json(vcmp.get_guest_min_slots(w)));
        vcmp.set_guest_slots(w, new int[] {3});
        out("write.set_guest_slots", json(vcmp.get_guest_slots(w)));
        vcmp.set_guest_allowed_slots(w, new int[][] {{2, 3, 4}});
        out("write.set_guest_allowed_slots", json(vcmp.get_guest_allowed_slots(w)));
        vcmp.set_guest_cores_per_slot(w, new int[] {6});
        out("write.set_guest_cores_per_slot", json(vcmp.get_guest_cores_per_slot(w)));
        vcmp.add_capability(w, new SystemVCMPVCMPCapabilityID[][] {{appliance}}, new CommonULong64[][] {{new CommonULong64(0, 1)}});
        vcmp.set_capability_value(w, new SystemVCMPVCMPCapabilityID[][] {{appliance}}, new CommonULong64[][] {{new CommonULong64(3, 4)}});
        out("write.set_capability_value", json(vcmp.get_capability_value(w, new SystemVCMPVCMPCapabilityID[][] {{appliance}})));
        vcmp.remove_capability(w, new SystemVCMPVCMPCapabilityID[][] {{appliance}});
        out("write.remove_capability", json(vcmp.get_capability(w)));
        vcmp.add_capability(w, new SystemVCMPVCMPCapabilityID[][] {{appliance}}, new CommonULong64[][] {{new CommonULong64(0, 1)}});
        vcmp.remove_all_capabilities(w);
        out("write.remove_all_capabilities", json(vcmp.get_capability(w)));
        vcmp.reset_statistics(w);
        out("write.reset_statistics", json(vcmp.get_statistics(w).getStatistics()));

        String[] d = {"default"};
        long[][] slot4 = {{4}};
        cluster.set_cluster_enabled_state(d, new CommonEnabledState[] {CommonEnabledState.STATE_DISABLED});
        out("write.set_cluster_enabled_state", json(cluster.get_cluster_enabled_state(d)));
        cluster.set_member_enabled_state(d, slot4, new CommonEnabledState[][] {{CommonEnabledState.STATE_DISABLED}});
        out("write.set_member_enabled_state", json(cluster.get_member_enabled_state(d, slot4)));
        cluster.set_member_enabled_state(d, slot4, new CommonEnabledState[][] {{CommonEnabledState.STATE_ENABLED}});
        cluster.set_member_priming_state(d, slot4, new CommonEnabledState[][] {{CommonEnabledState.STATE_ENABLED}});
        out("write.set_member_priming_state", json(cluster.get_member_priming_state(d, slot4)));
        cluster.set_min_up_members(d, new long[] {2});
        out("write.set_min_up_members", json(cluster.get_min_up_members(d)));
        cluster.set_min_up_members_action(d, new CommonHAAction[] {CommonHAAction.HA_ACTION_REBOOT});
        out("write.set_min_up_members_action", json(cluster.get_min_up_members_action(d)));
        cluster.set_min_up_members_state(d, new CommonEnabledState[] {CommonEnabledState.STATE_ENABLED});
        out("write.set_min_up_members_state", json(cluster.get_min_up_members_state(d)));

        vcmp.delete_all_guests();
        out("write.delete_all_guests", json(vcmp.get_list()));
        vcmp.delete_all_virtual_disks();
        out("write.delete_all_virtual_disks", json(vcmp.get_virtual_disk_list()));
    }

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2], guest = args[3];
        trustAll();

        SystemVCMPBindingStub vcmp =
            (SystemVCMPBindingStub) new SystemVCMPLocator().getSystemVCMPPort(new URL(url));
        vcmp.setUsername(user);
        vcmp.setPassword(password);
        vcmp.setTimeout(60000);
        SystemClusterBindingStub cluster =
            (SystemClusterBindingStub) new SystemClusterLocator().getSystemClusterPort(new URL(url));
        cluster.setUsername(user);
        cluster.setPassword(password);

        String[] g = {guest};
        out("version", vcmp.get_version());
        out("clustered", cluster.is_clustered_environment());
        long[][] slotIds = cluster.get_slot_id(new String[] {"default"});
        out("slot_ids", Arrays.toString(slotIds[0]));
        out("member_ha", Arrays.toString(cluster.get_member_ha_state(new String[] {"default"}, slotIds)[0]));

        vcmp.create(g, new String[] {guest + ".example.com"}, new String[] {"BIGIP-13.1.0.0.0.1868.iso"},
                    new CommonIPNetmask[] {new CommonIPNetmask("10.0.0.31", "255.255.255.0")},
                    new String[] {"10.0.0.1"}, new String[][] {{"vlan10", "vlan20"}});
        out("list", String.join(",", vcmp.get_list()));
        out("created_state", vcmp.get_guest_state(g)[0].getValue());
        vcmp.set_guest_slots(g, new int[] {2});
        vcmp.set_guest_cores_per_slot(g, new int[] {4});
        vcmp.set_guest_allowed_slots(g, new int[][] {{1, 2, 3}});
        vcmp.add_capability(g, new SystemVCMPVCMPCapabilityID[][] {{SystemVCMPVCMPCapabilityID.VCMP_CAPABILITY_APPLIANCE_MODE}},
                            new CommonULong64[][] {{new CommonULong64(1L, 2L)}});

        vcmp.set_guest_state(g, new SystemVCMPVCMPGuestState[] {SystemVCMPVCMPGuestState.VCMP_GUEST_STATE_DEPLOYED});
        waitFor(vcmp, guest, "deploying", false);

        out("state", vcmp.get_guest_state(g)[0].getValue());
        out("assigned", Arrays.toString(vcmp.get_guest_assigned_slots(g)[0]));
        out("allowed", Arrays.toString(vcmp.get_guest_allowed_slots(g)[0]));
        out("cores", vcmp.get_guest_cores_per_slot(g)[0]);
        CommonIPNetmask address = vcmp.get_management_address(g)[0];
        out("address", address.getAddress() + "/" + address.getNetmask());
        out("vlans", String.join(",", vcmp.get_vlan(g)[0]));
        out("capabilities", vcmp.get_capability(g)[0][0].getValue());
        CommonULong64 value = vcmp.get_capability_value(g, vcmp.get_capability(g))[0][0];
        out("capability_value", value.getHigh() + ":" + value.getLow());
        SystemVCMPVCMPStatistics statistics = vcmp.get_statistics(g);
        for (SystemVCMPVCMPStatisticEntry e : statistics.getStatistics()) {
            out("vm", e.getGuest() + ":" + e.getSlot_id() + ":" + e.getCores() + ":" + e.getStatistics().length
                + ":" + e.getStatistics()[0].getType().getValue());
        }
        out("time_stamp_year", statistics.getTime_stamp().getYear());
        SystemVCMPVirtualDisk[] disks = vcmp.get_virtual_disk_list();
        for (SystemVCMPVirtualDisk d : disks) {
            out("disk", d.getSlot_id() + ":" + d.getFilename());
        }
        for (SystemVCMPVirtualDiskStatisticEntry e : vcmp.get_virtual_disk_statistics(disks).getStatistics()) {
            out("disk_status", e.getDisk().getFilename() + ":" + e.getStatus().getValue() + ":" + e.getOs().getValue());
        }

        readEverything("System.VCMP", vcmp, iControl.SystemVCMPPortType.class, new Object[] {
            String[].class, g,
            SystemVCMPVCMPCapabilityID[][].class, vcmp.get_capability(g),
            SystemVCMPVirtualDisk[].class, disks,
        });
        readEverything("System.Cluster", cluster, iControl.SystemClusterPortType.class, new Object[] {
            String[].class, new String[] {"default"},
            long[][].class, slotIds,
        });

        fault("fault.disk_in_use", () -> vcmp.delete_virtual_disk(new SystemVCMPVirtualDisk[] {disks[0]}));
        fault("fault.unknown_guest", () -> vcmp.get_hostname(new String[] {"nope"}));
        fault("fault.primary_slot", () -> cluster.set_current_primary_slot(new String[] {"default"}, new long[] {2}));

        vcmp.set_guest_state(g, new SystemVCMPVCMPGuestState[] {SystemVCMPVCMPGuestState.VCMP_GUEST_STATE_CONFIGURED});
        waitFor(vcmp, guest, "releasing", true);
        vcmp.delete_guest(g);
        out("list_after_delete", vcmp.get_list().length);
        writeEverything(vcmp, cluster, guest + "-w");

        SystemVCMPBindingStub wrong =
            (SystemVCMPBindingStub) new SystemVCMPLocator().getSystemVCMPPort(new URL(url));
        wrong.setUsername(user);
        wrong.setPassword(password + "-wrong");
        fault("fault.wrong_password", wrong::get_list);
        out("done", "ok");
    }
}

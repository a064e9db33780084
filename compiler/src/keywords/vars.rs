//! Default configuration data: rule variables, classifications and reference types.
//!
//! Sources:
//! * Variables: `vars:` of `suricata.yaml.in`. The 8.0.6 file was not in the search index; the
//!   values below are those of the OISF/suricata `suricata.yaml.in` at index commit
//!   3b70ead6 (6.0 era, identical `vars:` block to every later release seen), plus
//!   `SIP_PORTS`, which 8.0 added (seen only in a third-party copy of the 8.0.4 yaml:
//!   haolipeng/suricata-8.0.4-study `learning/01-getting-started/03-configuration.md`;
//!   UNVERIFIED). Values are verbatim, including the unquoted numbers (`1521`).
//! * Classifications: `classification.config` at index commit 073a9702 (the version that
//!   ends with `coin-mining`). UNVERIFIED that 8.0.6 ships exactly this file; in particular
//!   `command-and-control` (used by current ET Open rules; proposed upstream in
//!   OISF/suricata PR #4107) is not in that copy, but the real 8.0.6 loader logged no
//!   "unknown classtype" warning for any of the 114 ET Open rules that use it
//!   (../shared/corpus/et-open/expected/*.jsonl), so 8.0.6 ships it: it is added below
//!   with priority 1 (its priority is UNVERIFIED).
//! * Reference types: `reference.config` at index commit 86001bbe. UNVERIFIED against 8.0.6.

/// `vars.address-groups` of the default `suricata.yaml`, in file order.
pub const DEFAULT_ADDRESS_VARS: &[(&str, &str)] = &[
    ("HOME_NET", "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]"),
    ("EXTERNAL_NET", "!$HOME_NET"),
    ("HTTP_SERVERS", "$HOME_NET"),
    ("SMTP_SERVERS", "$HOME_NET"),
    ("SQL_SERVERS", "$HOME_NET"),
    ("DNS_SERVERS", "$HOME_NET"),
    ("TELNET_SERVERS", "$HOME_NET"),
    ("AIM_SERVERS", "$EXTERNAL_NET"),
    ("DC_SERVERS", "$HOME_NET"),
    ("DNP3_SERVER", "$HOME_NET"),
    ("DNP3_CLIENT", "$HOME_NET"),
    ("MODBUS_CLIENT", "$HOME_NET"),
    ("MODBUS_SERVER", "$HOME_NET"),
    ("ENIP_CLIENT", "$HOME_NET"),
    ("ENIP_SERVER", "$HOME_NET"),
];

/// `vars.port-groups` of the default `suricata.yaml`, in file order.
pub const DEFAULT_PORT_VARS: &[(&str, &str)] = &[
    ("HTTP_PORTS", "80"),
    ("SHELLCODE_PORTS", "!80"),
    ("ORACLE_PORTS", "1521"),
    ("SSH_PORTS", "22"),
    ("DNP3_PORTS", "20000"),
    ("MODBUS_PORTS", "502"),
    ("FILE_DATA_PORTS", "[$HTTP_PORTS,110,143]"),
    ("FTP_PORTS", "21"),
    ("GENEVE_PORTS", "6081"),
    ("VXLAN_PORTS", "4789"),
    ("TEREDO_PORTS", "3544"),
    // UNVERIFIED: 8.0 addition, seen only in a third-party copy of the 8.0.4 yaml.
    ("SIP_PORTS", "[5060, 5061]"),
];

/// `config classification: shortname,description,priority` lines of the default
/// `classification.config`, in file order.
pub const CLASSIFICATIONS: &[(&str, &str, u8)] = &[
    ("not-suspicious", "Not Suspicious Traffic", 3),
    ("unknown", "Unknown Traffic", 3),
    ("bad-unknown", "Potentially Bad Traffic", 2),
    ("attempted-recon", "Attempted Information Leak", 2),
    ("successful-recon-limited", "Information Leak", 2),
    (
        "successful-recon-largescale",
        "Large Scale Information Leak",
        2,
    ),
    ("attempted-dos", "Attempted Denial of Service", 2),
    ("successful-dos", "Denial of Service", 2),
    ("attempted-user", "Attempted User Privilege Gain", 1),
    ("unsuccessful-user", "Unsuccessful User Privilege Gain", 1),
    ("successful-user", "Successful User Privilege Gain", 1),
    (
        "attempted-admin",
        "Attempted Administrator Privilege Gain",
        1,
    ),
    (
        "successful-admin",
        "Successful Administrator Privilege Gain",
        1,
    ),
    ("rpc-portmap-decode", "Decode of an RPC Query", 2),
    ("shellcode-detect", "Executable code was detected", 1),
    ("string-detect", "A suspicious string was detected", 3),
    (
        "suspicious-filename-detect",
        "A suspicious filename was detected",
        2,
    ),
    (
        "suspicious-login",
        "An attempted login using a suspicious username was detected",
        2,
    ),
    ("system-call-detect", "A system call was detected", 2),
    ("trojan-activity", "A Network Trojan was detected", 1),
    (
        "unusual-client-port-connection",
        "A client was using an unusual port",
        2,
    ),
    ("network-scan", "Detection of a Network Scan", 3),
    (
        "denial-of-service",
        "Detection of a Denial of Service Attack",
        2,
    ),
    (
        "non-standard-protocol",
        "Detection of a non-standard protocol or event",
        2,
    ),
    (
        "protocol-command-decode",
        "Generic Protocol Command Decode",
        3,
    ),
    (
        "web-application-activity",
        "access to a potentially vulnerable web application",
        2,
    ),
    ("web-application-attack", "Web Application Attack", 1),
    ("misc-activity", "Misc activity", 3),
    ("misc-attack", "Misc Attack", 2),
    (
        "policy-violation",
        "Potential Corporate Privacy Violation",
        1,
    ),
    (
        "default-login-attempt",
        "Attempt to login by a default username and password",
        2,
    ),
    (
        "targeted-activity",
        "Targeted Malicious Activity was Detected",
        1,
    ),
    ("exploit-kit", "Exploit Kit Activity Detected", 1),
    (
        "command-and-control",
        "Malware Command and Control Activity Detected",
        1,
    ),
    (
        "external-ip-check",
        "Device Retrieving External IP Address Detected",
        2,
    ),
    ("domain-c2", "Domain Observed Used for C2 Detected", 1),
    ("pup-activity", "Possibly Unwanted Program Detected", 2),
    (
        "credential-theft",
        "Successful Credential Theft Detected",
        1,
    ),
    (
        "social-engineering",
        "Possible Social Engineering Attempted",
        2,
    ),
    ("coin-mining", "Crypto Currency Mining Activity Detected", 2),
];

/// Reference types (`config reference: <type> <url>`) of the default `reference.config`, in
/// file order (`secunia` appears twice in the file; listed once).
pub const REFERENCE_TYPES: &[(&str, &str)] = &[
    ("bugtraq", "http://www.securityfocus.com/bid/"),
    ("bid", "http://www.securityfocus.com/bid/"),
    ("cve", "http://cve.mitre.org/cgi-bin/cvename.cgi?name="),
    ("secunia", "http://www.secunia.com/advisories/"),
    ("arachNIDS", "http://www.whitehats.com/info/IDS"),
    ("McAfee", "http://vil.nai.com/vil/content/v_"),
    ("nessus", "http://cgi.nessus.org/plugins/dump.php3?id="),
    ("url", "http://"),
    ("et", "http://doc.emergingthreats.net/"),
    ("etpro", "http://doc.emergingthreatspro.com/"),
    ("telus", "http://"),
    ("osvdb", "http://osvdb.org/show/osvdb/"),
    (
        "threatexpert",
        "http://www.threatexpert.com/report.aspx?md5=",
    ),
    ("md5", "http://www.threatexpert.com/report.aspx?md5="),
    ("exploitdb", "http://www.exploit-db.com/exploits/"),
    ("openpacket", "https://www.openpacket.org/capture/grab/"),
    ("securitytracker", "http://securitytracker.com/id?"),
    ("xforce", "http://xforce.iss.net/xforce/xfdb/"),
    ("msft", "http://technet.microsoft.com/security/bulletin/"),
];

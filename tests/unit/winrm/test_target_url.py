"""`winrm://` target URLs: defaults, options, placeholders, and clear errors; the registry."""

from __future__ import annotations


import pytest

from generator.errors import TargetError
from generator.targets import TARGETS, open_target, target_class
from generator.targets.winrm import WinRMTarget, parse_url

pytestmark = pytest.mark.timeout(10)


def test_defaults_are_https_5986_verified_ntlm():
    s = parse_url("winrm://Administrator@{host}.corp.example")
    assert (s.user, s.host, s.port, s.path, s.scheme) == ("Administrator", "{host}.corp.example", 5986, "/wsman", "https")
    assert (s.verify, s.ca, s.transport, s.encryption, s.timeout, s.reboot_wait) == (True, None, "ntlm", "auto", 300, 30)


def test_options(tmp_path):
    bundle = tmp_path / "corp.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    s = parse_url(f"winrm://CORP%5Cadmin@10.0.0.5?verify=false&ca={bundle}&transport=kerberos"
                  "&encryption=always&timeout=600&reboot_wait=90&codepage=65001")
    assert (s.user, s.verify, s.ca, s.transport, s.encryption) == ("CORP\\admin", False, str(bundle), "kerberos", "always")
    assert (s.timeout, s.reboot_wait, s.codec) == (600, 90, "utf-8")


def test_http_defaults_to_5985_and_an_explicit_port_wins():
    assert parse_url("winrm://a@h?scheme=http").port == 5985
    assert parse_url("winrm://a@h:15985?scheme=http").port == 15985
    assert parse_url("winrm://a@[fe80::1]:5986").host == "fe80::1"


def test_upn_users_keep_their_at_sign():
    assert parse_url("winrm://admin@corp.example@{host}").user == "admin@corp.example"


@pytest.mark.parametrize("url, message", [
    ("winrm://{host}", "names no user"),
    ("lab://paris", "not a WinRM target"),
    ("winrm://a@h?colour=blue", "unknown option 'colour'"),
    ("winrm://a@h?transport=telnet", "transport=telnet: expected one of ntlm, kerberos, credssp, basic"),
    ("winrm://a@h?verify=maybe", "verify=maybe"),
    ("winrm://a@h?timeout=soon", "timeout=soon: expected a positive number"),
    ("winrm://a@h?timeout=0", "timeout=0"),
    ("winrm://a@h:99999", "bad port '99999'"),
    ("winrm://a@{node}.corp", "unknown placeholder {node}"),
    ("winrm://a@", "names no host"),
    ("winrm://a@h?ca=/no/such/bundle.pem", "no such certificate bundle"),
    ("winrm://a@h?codepage=4242", "no such code page"),
    ("winrm://a@h?scheme=http&transport=basic", "clear text"),
])
def test_bad_urls_say_what_is_wrong(url, message):
    with pytest.raises(TargetError, match=message.replace("{", r"\{").replace("?", r"\?")):
        parse_url(url)


def test_a_password_in_the_url_is_refused_without_echoing_it():
    with pytest.raises(TargetError) as error:
        parse_url("winrm://admin:Hunter2@host")
    assert "Hunter2" not in str(error.value) and "RUNBOOK_WINRM_PASSWORD" in str(error.value)
    with pytest.raises(TargetError) as error:
        parse_url("winrms://admin:Hunter2@host")
    assert "Hunter2" not in str(error.value)


def test_placeholders_and_addresses():
    target = WinRMTarget("winrm://a@{address}?scheme=http",
                         addresses={"E2K7Node1": "10.1.1.11/24", "E2K7Node2": "fd00::12"})
    assert target.endpoint("e2k7node1") == "http://10.1.1.11:5985/wsman"
    assert target.endpoint("E2K7Node2") == "http://[fd00::12]:5985/wsman"
    with pytest.raises(TargetError, match="gives E2K7DC01 no address"):
        target.endpoint("E2K7DC01")
    named = WinRMTarget("winrm://a@{host}.corp.example:5986")
    assert named.endpoint("E2K7Node1") == "https://E2K7Node1.corp.example:5986/wsman"
    single = WinRMTarget("winrm://a@jump.example")
    assert single.endpoint("E2K7Node1") == single.endpoint("E2K7Node2") == "https://jump.example:5986/wsman"


def test_explicit_endpoints_for_the_lab():
    target = WinRMTarget.for_endpoints({"E2K7Node1": "http://127.0.0.1:5000/wsman"}, "Administrator", "pw")
    assert target.endpoint("E2K7NODE1") == "http://127.0.0.1:5000/wsman"
    assert (target.settings.scheme, target.reboot_wait) == ("http", 0)
    with pytest.raises(TargetError, match=r"no WinRM endpoint for host E2K7DC01 \(known: E2K7Node1\)"):
        target.endpoint("E2K7DC01")


def test_reboot_wait_defaults_to_30_seconds_for_real_hosts():
    assert WinRMTarget("winrm://a@h").reboot_wait == 30.0
    assert WinRMTarget("winrm://a@h?reboot_wait=120").reboot_wait == 120.0


def test_unverified_certificates_warn_once(caplog):
    import generator.targets.winrm as module
    module._warned_unverified = False
    WinRMTarget("winrm://a@h?verify=false")
    WinRMTarget("winrm://a@h2?verify=false")
    assert len([r for r in caplog.records if "verify=false" in r.getMessage()]) == 1


def test_registry_resolves_winrm_lazily():
    assert target_class("winrm://a@h") is WinRMTarget
    assert WinRMTarget.NAME == "winrm" and "winrm" in TARGETS


def test_registry_entries_are_importable_where_present():
    for scheme in TARGETS:
        try:
            cls = target_class(f"{scheme}://x")
        except TargetError as error:            # the lab target is written separately
            assert "not available" in str(error)
            continue
        assert cls.NAME == scheme


def test_unknown_scheme():
    with pytest.raises(TargetError, match=r"^unknown target scheme 'ssh' \(known: inprocess, lab, winrm\)$"):
        target_class("ssh://root@h")


def test_open_target_takes_addresses_from_the_environment(lab_env):
    target = open_target("winrm://admin@{address}", lab_env, None)
    assert isinstance(target, WinRMTarget)
    assert target.endpoint("E2K7Node1") == "https://192.168.10.21:5986/wsman"
    assert target.endpoint("E2K7DC01") == "https://192.168.10.10:5986/wsman"

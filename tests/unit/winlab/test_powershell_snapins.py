"""A snap-in on the lab's PowerShell API: registration, Add-PSSnapin, binding of each parameter kind,
pipeline input, ShouldProcess, default views, culture-dependent dates."""

from datetime import datetime, timedelta

import pytest

from winlab.lab import Lab
from winlab.powershell import (ByteQuantifiedSize, Cmdlet, CmdletError, Column, Parameter, PSObject, SnapIn, View,
                               enum, register)
from winlab.powershell import install
from tests.unit.winlab.powershell_lab import HUB, ps
from tests.unit.winlab.sites import topology

NAME = "Lab.Test.Widgets"
WIDGET = "Lab.Test.Widget"
STATE: dict = {}


def _widget(name, ctx):
    return PSObject((WIDGET, "System.Object"), {
        "Name": name, "Size": STATE.get("size", ByteQuantifiedSize(18 << 20)),
        "Age": STATE.get("age", timedelta(days=7)), "Dial": STATE.get("dial", "BestAvailability"),
        "Seen": datetime(2007, 6, 14, 16, 42, 1), "Nodes": ["NODE1", "NODE2"], "Empty": [], "Note": None},
        to_string=name)


def _get(ctx, params, input):
    names = params.get("Identity", ["W1", "W2"])
    for name in names if isinstance(names, list) else [names]:
        if name == "missing":
            ctx.error(f"The widget '{name}' was not found.", "ObjectNotFound", "WidgetNotFound", name)
            continue
        yield _widget(name, ctx)


def _set(ctx, params, input):
    if params["Identity"] == "broken":
        raise CmdletError("The widget is broken.", "InvalidOperation", "WidgetBroken")
    if not ctx.confirm("Set widget", params["Identity"]):
        return []
    for key, field in (("Size", "size"), ("Age", "age"), ("Dial", "dial")):
        if key in params:
            STATE[field] = params[key]
    if params.get("Loud"):
        ctx.warn("The widget was changed loudly.")
    return []


SNAPIN = register(SnapIn(NAME, [
    Cmdlet("Get-Widget", [Parameter("Identity", "string[]", position=0, pipeline=True)], _get),
    Cmdlet("Set-Widget", [Parameter("Identity", "string", mandatory=True, position=0, pipeline=True),
                          Parameter("Size", "bytesize"), Parameter("Age", "timespan"),
                          Parameter("Dial", enum("Lab.Test.Dial", "Lossless", "GoodAvailability", "BestAvailability")),
                          Parameter("Count", "int"), Parameter("Loud", "switch")], _set, confirm_impact="high"),
], views=[View(WIDGET, "table", (Column("Name", width=6), "Dial", Column("Seen", width=22)))],
   description="Widgets for the tests."))


@pytest.fixture(scope="module")
def lab(lab_env, tmp_path_factory):
    lab = Lab.create(tmp_path_factory.mktemp("pssnap") / "lab", topology(lab_env))
    with lab.store.transaction() as state:
        install.register_snapin(state.hosts[HUB], NAME)
    return lab


@pytest.fixture(autouse=True)
def fresh():
    STATE.clear()


ADD = f"Add-PSSnapin {NAME}; "


def test_without_add_pssnapin_its_cmdlets_are_unknown_terms(lab):
    rc, _, stderr = ps(lab, "Get-Widget")
    assert rc == 1 and stderr.startswith("Get-Widget : The term 'Get-Widget' is not recognized")


def test_a_snapin_not_registered_on_the_host_cannot_be_added(lab):
    rc, _, stderr = ps(lab, "Add-PSSnapin Nope.Snapin")
    assert stderr.startswith("Add-PSSnapin : Windows PowerShell snap-in Nope.Snapin is not installed on the machine.")
    assert rc == 1


def test_get_pssnapin_registered_lists_it_and_loaded_after_add(lab):
    rc, stdout, _ = ps(lab, "Get-PSSnapin -Registered | Where-Object { $_.Name -eq '" + NAME + "' } | "
                            "ForEach-Object { $_.Name }")
    assert stdout == NAME + "\r\n"
    rc, stdout, _ = ps(lab, ADD + "@(Get-PSSnapin | Where-Object { $_.Name -eq '" + NAME + "' }).Count")
    assert stdout == "1\r\n"


def test_default_view_is_the_snapins_table_with_en_us_dates(lab):
    rc, stdout, stderr = ps(lab, ADD + "Get-Widget")
    assert (rc, stderr) == (0, "")
    def row(name, dial, seen):                  # Name 6 and Seen 22 wide (the view), Dial the rest of 80 columns
        return f"{name:<6} {dial:<49} {seen}\r\n"
    assert stdout == ("\r\n" + row("Name", "Dial", "Seen") + row("----", "----", "----")
                      + row("W1", "BestAvailability", "6/14/2007 4:42:01 PM")
                      + row("W2", "BestAvailability", "6/14/2007 4:42:01 PM") + "\r\n\r\n")


def test_one_table_for_the_command_line_even_across_statements_and_write_host(lab):
    rc, stdout, _ = ps(lab, ADD + "Get-Widget W1; Write-Host 'between'; Get-Widget W2; 'text'")
    lines = stdout.split("\r\n")
    assert [line.split()[0] if line.strip() else "" for line in lines] == [
        "", "Name", "----", "W1", "between", "W2", "", "", "text", ""]


def test_format_list_pads_names_and_shows_lists_sizes_timespans(lab):
    rc, stdout, _ = ps(lab, ADD + "Get-Widget W1 | Format-List")
    assert stdout == ("\r\nName  : W1\r\nSize  : 18 MB (18,874,368 bytes)\r\nAge   : 7.00:00:00\r\n"
                      "Dial  : BestAvailability\r\nSeen  : 6/14/2007 4:42:01 PM\r\nNodes : {NODE1, NODE2}\r\n"
                      "Empty : {}\r\nNote  : \r\n\r\n\r\n")


def test_dates_follow_the_hosts_culture(lab):
    with lab.store.transaction() as state:
        state.hosts[HUB].powershell.culture = "de-DE"
    try:
        stdout = ps(lab, ADD + "Get-Widget W1 | Format-List Seen")[1]
        assert stdout == "\r\nSeen : 14.06.2007 16:42:01\r\n\r\n\r\n"
        assert ps(lab, ADD + '"$((Get-Widget W1).Seen)"')[1] == "06/14/2007 16:42:01\r\n"   # strings: invariant
    finally:
        with lab.store.transaction() as state:
            state.hosts[HUB].powershell.culture = None


def test_format_table_with_chosen_properties(lab):
    stdout = ps(lab, ADD + "Get-Widget W1 | Format-Table Name, Age -AutoSize")[1]
    assert stdout == "\r\nName Age\r\n---- ---\r\nW1   7.00:00:00\r\n\r\n\r\n"


def test_format_table_cuts_long_values_unless_wrap(lab):
    script = ADD + "Get-Widget W1 | Select-Object @{Name='Long'; Expression={'x' * 100}} | Format-Table WRAP"
    cut = ps(lab, script.replace("WRAP", ""))[1].split("\r\n")
    assert cut[3] == "x" * 76 + "..."
    wrapped = ps(lab, script.replace("WRAP", "-Wrap"))[1].split("\r\n")
    assert wrapped[3:5] == ["x" * 79, "x" * 21]


def test_quoted_values_bind_to_each_kind_and_comparisons_parse_the_right_side(lab):
    script = ADD + ("Set-Widget W1 -Size '15MB' -Age '07.00:00:00' -Dial:'goodavailability' -Confirm:$false; "
                    "$w = Get-Widget W1; $w.Size -eq '15MB'; $w.Age -eq '7.00:00:00'; $w.Dial -eq 'GoodAvailability'")
    assert ps(lab, script) == (0, "True\r\nTrue\r\nTrue\r\n", "")
    assert STATE == {"size": ByteQuantifiedSize(15 << 20), "age": timedelta(days=7), "dial": "GoodAvailability"}
    assert ps(lab, ADD + "(Get-Widget W1).Size -eq '16MB'")[1] == "False\r\n"


@pytest.mark.parametrize("arguments, message", [
    ("-Dial Fast", 'Cannot bind parameter \'Dial\'. Cannot convert value "Fast" to type "Lab.Test.Dial" due to '
                   'invalid enumeration values. Specify one of the following enumeration values and try again. The '
                   'possible enumeration values are "Lossless, GoodAvailability, BestAvailability".'),
    ("-Count many", "Cannot bind parameter 'Count'. Cannot convert value \"many\" to type \"System.Int32\"."),
    ("-Age 'a week'", "Cannot bind parameter 'Age'. Cannot convert value \"a week\" to type \"System.TimeSpan\"."),
    ("-Size", "Missing an argument for parameter 'Size'. Specify a parameter of type "
              "'Microsoft.Exchange.Data.ByteQuantifiedSize' and try again."),
])
def test_wrong_values_are_refused_by_the_binder(lab, arguments, message):
    rc, _, stderr = ps(lab, ADD + f"Set-Widget W1 {arguments} -Confirm:$false")
    assert rc == 1 and stderr.startswith("Set-Widget : " + message), stderr
    assert STATE == {}


def test_high_impact_cmdlet_refuses_to_prompt_under_noninteractive(lab):
    rc, _, stderr = ps(lab, ADD + "Set-Widget W1 -Size 1MB")
    assert rc == 1 and "NonInteractive mode" in stderr and STATE == {}


def test_whatif_changes_nothing_and_other_cmdlets_have_no_whatif(lab):
    assert ps(lab, ADD + "Set-Widget W1 -Size 1MB -WhatIf") == (
        0, 'What if: Performing operation "Set widget" on Target "W1".\r\n', "")
    assert STATE == {}
    assert "A parameter cannot be found that matches parameter name 'WhatIf'." in ps(lab, ADD + "Get-Widget -WhatIf")[2]


def test_pipeline_input_binds_the_identity_by_the_objects_string(lab):
    assert ps(lab, ADD + "Get-Widget W1 | Set-Widget -Dial Lossless -Confirm:$false; (Get-Widget W1).Dial")[1] == \
        "Lossless\r\n"


def test_non_terminating_and_terminating_errors_of_a_snapin_cmdlet(lab):
    rc, stdout, stderr = ps(lab, ADD + "Get-Widget missing, W2 | ForEach-Object { $_.Name }; \"ok=$?\"")
    assert stdout == "W2\r\nok=True\r\n"          # $? after ForEach-Object, which succeeded
    assert stderr.startswith("Get-Widget : The widget 'missing' was not found.\nAt line:1 char:")
    rc, stdout, stderr = ps(lab, ADD + "Set-Widget broken -Confirm:$false; \"ok=$?\"")
    assert stdout == "ok=False\r\n" and stderr.startswith("Set-Widget : The widget is broken.")


def test_warnings_go_to_the_output_stream(lab):
    assert ps(lab, ADD + "Set-Widget W1 -Loud -Confirm:$false") == (0, "WARNING: The widget was changed loudly.\r\n",
                                                                    "")


def test_a_console_file_loads_its_snapins(lab):
    lab.execute(HUB, f'echo ^<PSConsoleFile^>^<PSSnapIns^>^<PSSnapIn Name="{NAME}" /^>^</PSSnapIns^>^</PSConsoleFile^>'
                     f' > C:\\widgets.psc1')
    out = lab.execute(HUB, 'powershell -PSConsoleFile C:\\widgets.psc1 -NonInteractive -Command "(Get-Widget W1).Name"')
    assert (out.rc, out.stdout, out.stderr) == (0, "W1\r\n", "")

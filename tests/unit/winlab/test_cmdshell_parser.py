"""Parsing command lines into trees, as cmd.exe's second phase does."""

import pytest

from winlab.cmdshell.parser import Incomplete, ParseError, parse, words
from winlab.cmdshell.syntax import Chain, Comment, For, Group, If, Pipe, Redirect, Simple


def test_operators_bind_like_cmd():
    assert parse("a & b && c || d | e") == Chain(
        "&", Simple("a "), Chain("||", Chain("&&", Simple("b "), Simple("c ")), Pipe(Simple("d "), Simple("e"))))


def test_redirections_are_cut_out_of_the_text():
    assert parse("echo [runbook] FAILED x 1>&2") == Simple("echo [runbook] FAILED x ", (Redirect(1, ">&", "2"),))
    assert parse('wmic os get Caption /value <nul | find "E"') == Pipe(
        Simple("wmic os get Caption /value  ", (Redirect(0, "<", "nul"),)), Simple('find "E"'))
    assert parse('type x 2>&1 >>"C:\\a b.txt"') == Simple("type x  ", (
        Redirect(2, ">&", "1"), Redirect(1, ">>", '"C:\\a b.txt"')))
    assert parse("echo abc2>x") == Simple("echo abc2", (Redirect(1, ">", "x"),))


def test_a_block_with_a_redirection():
    assert parse('(echo QUJD&echo REVG)>>"%TEMP%\\x.b64"') == Group(
        Chain("&", Simple("echo QUJD"), Simple("echo REVG")), (Redirect(1, ">>", '"%TEMP%\\x.b64"'),))


def test_quotes_and_carets_protect_special_characters():
    assert parse('echo "a & b" ^& c^|d ^^') == Simple('echo "a & b" & c|d ^')
    assert parse('findstr /r "^[0-9]"') == Simple('findstr /r "^[0-9]"')


def test_parentheses_inside_a_command_are_text():
    assert parse("echo step (1/2)") == Simple("echo step (1/2)")
    assert parse("(echo step (1/2)") == Group(Simple("echo step (1/2"))


def test_if_takes_the_rest_of_the_line():
    node = parse("if not defined X (echo a 1>&2& exit /b 2)")
    assert node == If("defined", ("X",), Group(Chain(
        "&", Simple("echo a ", (Redirect(1, ">&", "2"),)), Simple("exit /b 2"))), negate=True)
    assert parse("if errorlevel 1 goto x & echo y") == If(
        "errorlevel", ("1",), Chain("&", Simple("goto x "), Simple("echo y")))


def test_if_comparisons_and_else():
    assert parse('if /i "%A%"=="b" (echo 1) else echo 2') == If(
        "compare", ('"%A%"', '"b"'), Group(Simple("echo 1")), Simple("echo 2"), ignore_case=True, op="==")
    assert parse("if 10 GTR 9 echo yes") == If("compare", ("10", "9"), Simple("echo yes"), op="GTR")


def test_for_f_with_escaped_pipe_and_redirection():
    node = parse("for /f \"tokens=1,2\" %i in ('wmic nic get Index ^<nul ^| findstr /r \"^[0-9]\"') do echo %i | find \"7\"")
    assert node == For("/f", "tokens=1,2", "i", "'wmic nic get Index <nul | findstr /r \"^[0-9]\"'",
                       Pipe(Simple("echo %i "), Simple('find "7"')))


def test_rem_and_labels_swallow_the_line():
    assert parse("rem a & echo b") == Comment()
    assert parse(":: comment | x") == Comment()
    assert parse("@echo off") == Simple("echo off")


@pytest.mark.parametrize("line, message", [
    ("& echo x", "& was unexpected at this time."),
    ("| echo x", "| was unexpected at this time."),
    ("for %%i in (a) do echo %%i", "%%i was unexpected at this time."),
    ("for %i in (a | b) do echo %i", "| was unexpected at this time."),
    ("(echo a) echo b", "echo was unexpected at this time."),
    ("echo a >", "The syntax of the command is incorrect."),
    ("if exist", "The syntax of the command is incorrect."),
    ("if a b echo", "b was unexpected at this time."),
])
def test_syntax_errors_carry_cmds_message(line, message):
    with pytest.raises(ParseError) as error:
        parse(line)
    assert error.value.message == message


def test_an_open_block_asks_a_batch_file_for_more():
    with pytest.raises(Incomplete) as error:
        parse("if 1==1 (", batch=True)
    assert error.value.joiner == "\n"
    with pytest.raises(Incomplete) as error:
        parse("echo a ^", batch=True)
    assert error.value.joiner == ""
    assert parse("echo a^") == Simple("echo a")
    assert parse("(\necho a\n\necho b\n)") == Group(Chain("&", Simple("echo a"), Simple("echo b")))


def test_words_split_like_batch_arguments():
    assert words('a "b c",d;e=f  "g"') == ["a", '"b c"', "d", "e", "f", '"g"']

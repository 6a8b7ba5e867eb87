"""cmd.exe's messages that several commands print (each without its line end)."""

from __future__ import annotations

FILE_NOT_FOUND = "The system cannot find the file specified."
PATH_NOT_FOUND = "The system cannot find the path specified."
ACCESS_DENIED = "Access is denied."
SYNTAX = "The syntax of the command is incorrect."
LABEL_NOT_FOUND = "The system cannot find the batch label specified - {label}"
CALL_OUTSIDE_BATCH = "Invalid attempt to call batch label outside of batch script."
NO_GOTO_LABEL = "No batch label specified to GOTO command."
NOT_RECOGNIZED = "'{name}' is not recognized as an internal or external command,\r\noperable program or batch file."
ALREADY_EXISTS = "A subdirectory or file {name} already exists."
NOT_EMPTY = "The directory is not empty."
COULD_NOT_FIND = "Could Not Find {path}"
ARE_YOU_SURE = "{target}, Are you sure (Y/N)? "
NOT_DEFINED = "Environment variable {name} not defined"
PAUSE = "Press any key to continue . . . "
ECHO_STATE = "ECHO is {state}."

NOT_RECOGNIZED_CODE = 9009
# unconfirmed: cmd.exe's errorlevel when a command line cannot be parsed.
SYNTAX_ERROR_CODE = 255
# unconfirmed: errorlevel when a program path names a directory that does not exist.
PATH_NOT_FOUND_CODE = 3

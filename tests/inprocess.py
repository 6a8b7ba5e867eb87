"""Stage scripts run on an in-process lab exactly as `apply` runs them: uploaded, then started."""

from __future__ import annotations

from generator.acceptance.apply import FOLDER, new_run_id, upload_commands
from generator.lab.lab import Lab
from generator.scripts.progress import parse_progress


class Events(list):
    titles: list[str]
    output: str


def converge(lab: Lab, rendered, secrets: dict[str, str]) -> dict[tuple[str, str], Events]:
    """Run every stage on its hosts (page order); the events of each script (a list with the
    step titles in `.titles` and what the script printed in `.output`)."""
    events, folder = {}, f"{FOLDER}\\{new_run_id()}"
    for stage in rendered.stages:
        name = rendered.script_name(stage.stage)
        for part in stage.hosts:
            for command in upload_commands(name, rendered.scripts[f"{part.host}/{name}"], folder):
                uploaded = lab.execute(part.host, command)
                assert uploaded.rc == 0, (command[:80], uploaded)
            result = lab.execute(part.host, f'"{folder}\\{name}"', secrets)
            outcome = parse_progress(result.stdout + "\n" + result.stderr)
            assert result.rc == 0, (stage.stage.id, part.host, result.stdout, result.stderr)
            assert outcome.failure is None and stage.stage.id in outcome.finished
            found = events[(stage.stage.id, part.host)] = Events(s.event for s in outcome.steps)
            found.titles = [s.title for s in outcome.steps]
            found.output = result.stdout + result.stderr
    return events

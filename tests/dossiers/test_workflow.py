import re
from pathlib import Path

from motcua.dossiers.management.commands.dossiers import diagram_markdown
from motcua.dossiers.workflow import TERMINAL, TRANSITIONS, Action, Status

ROOT = Path(__file__).resolve().parents[2]
API_MD = ROOT / "docs" / "api.md"  # the contract (a copy of shared/API.md)


def test_every_status_is_reachable_from_received():
    reached, frontier = {Status.RECEIVED}, [Status.RECEIVED]
    while frontier:
        current = frontier.pop()
        for (status, _action), edge in TRANSITIONS.items():
            if status == current and edge.to not in reached:
                reached.add(edge.to)
                frontier.append(edge.to)

    assert reached == set(Status)


def test_terminal_statuses_are_left_only_by_evaluation():
    leaving = {(s, a) for (s, a), e in TRANSITIONS.items() if s in TERMINAL and e.to != s}

    assert leaving == set()


def test_every_action_of_api_md_is_an_action():
    text = API_MD.read_text()
    segment = text.split("Actions:")[1].split("An action")[0]
    while "{" in segment:  # drop the (nested) bodies, keep the action slugs
        segment = re.sub(r"\{[^{}]*\}", "", segment)
    listed = set(re.findall(r"`([a-z-]+)`", segment))

    assert len(listed) == 12

    assert listed <= {a.value for a in Action}


def test_the_diagram_in_docs_is_generated_from_the_table():
    assert (ROOT / "docs/dossier-workflow.md").read_text() == diagram_markdown()

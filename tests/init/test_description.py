"""The boot description's JSON format and the requirement order of services."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from oscdsl.init import boot
from oscdsl.init.boot import BootDescriptionError, Service
from oscdsl.init.supervisor import start_order


def test_description_round_trips_through_json(tmp_path: Path) -> None:
    description = boot.BootDescription(
        host_name="box",
        etc="/gnu/store/abc-etc",
        users=[boot.UserAccount("alice", 1000, 100, create_home=True)],
        groups=[boot.UserGroup("users", 100, ["alice"])],
        directories=[boot.Directory("/var/lib/x", "alice", "users", 0o700)],
        services=[
            Service(
                ["web", "http"],
                ["loopback"],
                start=boot.ForkExec(["httpd", "-f"], user="alice", pid_file="/run/p"),
                respawn=True,
            ),
            Service(["loopback"]),
        ],
        unsupported=["udev-service-type"],
    )
    file_name = tmp_path / "boot.json"
    description.save(str(file_name))
    assert boot.load(str(file_name)) == description
    raw = json.loads(file_name.read_text())
    assert raw["services"][0]["start"]["argv"] == ["httpd", "-f"]
    assert raw["services"][1]["start"] is None
    assert raw["version"] == 1


def test_optional_fields_take_their_defaults() -> None:
    description = boot.from_dict(
        {
            "host_name": "box",
            "services": [{"provision": ["a"], "start": {"argv": ["x"]}}],
        }
    )
    service = description.services[0]
    assert service.stop_signal == 15
    assert service.respawn is False
    assert service.respawn_limit == (5, 10.0)
    assert service.start.directory == "/"
    assert service.start.log_file is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"host_name": "b", "sevices": []}, "unknown field sevices"),
        ({}, "missing field host_name"),
        ({"host_name": 3}, "description.host_name: unexpected value 3"),
        (
            {"host_name": "b", "users": [{"name": "a", "uid": "1", "gid": 1}]},
            "description.users[0].uid: unexpected value '1'",
        ),
        (
            {"host_name": "b", "services": [{"provision": ["a"], "respawn": 1}]},
            "description.services[0].respawn: unexpected value 1",
        ),
        (
            {
                "host_name": "b",
                "services": [{"provision": ["a"]}, {"provision": ["a"]}],
            },
            "'a' is already provided by service 'a'",
        ),
        ({"host_name": "b", "version": 9}, "9 is not supported"),
    ],
)
def test_malformed_descriptions_name_the_field(value: dict, message: str) -> None:
    with pytest.raises(BootDescriptionError, match=message.replace("[", r"\[")):
        boot.from_dict(value)


def test_services_start_after_their_requirements() -> None:
    services = [
        Service(["web"], ["db", "loopback"]),
        Service(["db"], ["loopback"]),
        Service(["loopback", "lo"]),
        Service(["manual"], auto_start=False),
    ]
    order, problems = start_order(services)
    assert [s.name for s in order] == ["loopback", "db", "web"]
    assert problems == {}


def test_requirements_start_even_without_auto_start() -> None:
    services = [Service(["web"], ["db"]), Service(["db"], auto_start=False)]
    order, _ = start_order(services)
    assert [s.name for s in order] == ["db", "web"]


def test_missing_requirements_and_cycles_are_reported() -> None:
    services = [
        Service(["a"], ["b"]),
        Service(["b"], ["a"]),
        Service(["c"], ["nowhere"]),
    ]
    _, problems = start_order(services)
    assert problems["a"] == "requirement cycle: a -> b -> a"
    assert problems["b"] == "requirement cycle: a -> b -> a"
    assert problems["c"] == "requirement 'nowhere' is not provided by any service"

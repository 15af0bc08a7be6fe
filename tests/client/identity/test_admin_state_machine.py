"""Random sequences of admin calls: never a 500, and the listings agree with a simple model."""

from __future__ import annotations

from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from stackdouble.client import Conflict, NotFound, StackdoubleError, openstack
from stackdouble.client.openstack.identity.v3 import groups, projects, roles, users
from stackdouble.fakes import FakeCloud

NAMES = st.sampled_from(["a", "b", "c", "d"])
DEFAULT_PROJECTS = {"admin", "demo", "service"}
DEFAULT_USERS = {"admin", "demo"}


class AdminCalls(RuleBasedStateMachine):
    """Projects, users, groups, memberships and grants, created and deleted at random."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = FakeCloud(seed=5)
        self.cloud.start()
        opts = openstack.auth_options_from_env(self.cloud.os_environ("admin"))
        provider = openstack.authenticated_client(opts)
        self.client = openstack.new_identity_v3(provider)
        self.member_role = self.cloud.identity.find_role("member").id
        self.projects: dict[str, str] = {}  # name -> id
        self.users: dict[str, str] = {}
        self.groups: dict[str, str] = {}
        self.members: set[tuple[str, str]] = set()  # (group name, user name)
        self.grants: set[tuple[str, str]] = set()  # (user name, project name)

    def teardown(self) -> None:
        self.cloud.stop()

    def _expect(self, result: Any, ok: bool, error: type[StackdoubleError] | None) -> None:
        if ok:
            assert result.err is None, result.err
        else:
            assert isinstance(result.err, error or StackdoubleError), result.err

    @rule(name=NAMES)
    def create_project(self, name: str) -> None:
        result = projects.create(self.client, projects.CreateOpts(name=name))
        self._expect(result, name not in self.projects, Conflict)
        if name not in self.projects:
            self.projects[name] = result.extract().id

    @rule(name=NAMES)
    def delete_project(self, name: str) -> None:
        project_id = self.projects.pop(name, "missing-" + name)
        result = projects.delete(self.client, project_id)
        self._expect(result, not project_id.startswith("missing-"), NotFound)
        self.grants = {g for g in self.grants if g[1] != name}

    @rule(name=NAMES)
    def create_user(self, name: str) -> None:
        result = users.create(self.client, users.CreateOpts(name=name, password="pw"))
        self._expect(result, name not in self.users, Conflict)
        if name not in self.users:
            self.users[name] = result.extract().id

    @rule(name=NAMES)
    def delete_user(self, name: str) -> None:
        user_id = self.users.pop(name, "missing-" + name)
        result = users.delete(self.client, user_id)
        self._expect(result, not user_id.startswith("missing-"), NotFound)
        self.members = {m for m in self.members if m[1] != name}
        self.grants = {g for g in self.grants if g[0] != name}

    @rule(name=NAMES)
    def create_group(self, name: str) -> None:
        result = groups.create(self.client, groups.CreateOpts(name=name))
        self._expect(result, name not in self.groups, Conflict)
        if name not in self.groups:
            self.groups[name] = result.extract().id

    @rule(name=NAMES)
    def delete_group(self, name: str) -> None:
        group_id = self.groups.pop(name, "missing-" + name)
        result = groups.delete(self.client, group_id)
        self._expect(result, not group_id.startswith("missing-"), NotFound)
        self.members = {m for m in self.members if m[0] != name}

    @precondition(lambda self: bool(self.users) and bool(self.groups))
    @rule(data=st.data())
    def add_member(self, data: st.DataObject) -> None:
        group = data.draw(st.sampled_from(sorted(self.groups)))
        user = data.draw(st.sampled_from(sorted(self.users)))
        groups.add_user(self.client, self.groups[group], self.users[user]).extract_err()
        self.members.add((group, user))

    @precondition(lambda self: bool(self.users) and bool(self.projects))
    @rule(data=st.data(), grant=st.booleans())
    def change_grant(self, data: st.DataObject, grant: bool) -> None:
        user = data.draw(st.sampled_from(sorted(self.users)))
        project = data.draw(st.sampled_from(sorted(self.projects)))
        where = roles.AssignOpts(user_id=self.users[user], project_id=self.projects[project])
        call = roles.assign if grant else roles.unassign
        result = call(self.client, self.member_role, where)
        self._expect(result, grant or (user, project) in self.grants, NotFound)
        if grant:
            self.grants.add((user, project))
        else:
            self.grants.discard((user, project))

    @rule(body=st.one_of(st.none(), st.integers(), st.text(max_size=5),
                         st.dictionaries(st.sampled_from(["project", "name", "x"]),
                                         st.one_of(st.none(), st.integers(), st.text(max_size=3),
                                                   st.lists(st.integers(), max_size=2)),
                                         max_size=2)))
    def post_junk(self, body: Any) -> None:
        before = sorted(p.name for p in projects.list(self.client).items())
        resp = self.client.provider.session.post(
            self.client.service_url("projects"), json=body,
            headers={"X-Auth-Token": self.client.provider.token_id or ""})
        assert resp.status_code in (201, 400, 409), resp.text
        if resp.status_code == 201:
            created = resp.json()["project"]
            self.projects[created["name"]] = created["id"]
        else:
            assert sorted(p.name for p in projects.list(self.client).items()) == before

    @invariant()
    def listings_agree(self) -> None:
        listed_projects = {p.name for p in projects.list(self.client).items()}
        listed_users = {u.name for u in users.list(self.client).items()}
        listed_groups = {g.name for g in groups.list(self.client).items()}
        assert listed_projects == DEFAULT_PROJECTS | set(self.projects)
        assert listed_users == DEFAULT_USERS | set(self.users)
        assert listed_groups == set(self.groups)
        names = {v: k for k, v in self.users.items()}
        pnames = {v: k for k, v in self.projects.items()}
        found = {(names[a.user.id], pnames[a.project.id])
                 for a in roles.list_assignments(self.client).items()
                 if a.user is not None and a.user.id in names and a.project is not None}
        assert found == self.grants
        for group, gid in self.groups.items():
            listed = {u.name for u in groups.list_users(self.client, gid).items()}
            assert listed == {u for g, u in self.members if g == group}


AdminCalls.TestCase.settings = settings(max_examples=40, stateful_step_count=12, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])
TestAdminCalls = AdminCalls.TestCase

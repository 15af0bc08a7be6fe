"""The state file: the README's example loads as written, a declared user logs in with the
client and finds what the file declared, and every kind of bad file names its line."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
import requests

from stackdouble.client import openstack
from stackdouble.client.openstack.compute.v2 import flavors, keypairs, servers
from stackdouble.client.openstack.identity.v3 import users
from stackdouble.client.openstack.image.v2 import images
from stackdouble.client.openstack.objectstorage.v1 import objects
from stackdouble.fakes import FakeCloud
from stackdouble.fakes.statefile import StateFileError, to_yaml

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV = {"BOB_PASSWORD": "bob-secret", "UPLOADER_KEY": "uploader-key"}


def readme_state_file() -> str:
    found = re.search(r"### The state file.*?```yaml\n(.*?)```", README, re.S)
    assert found, "no yaml block under 'The state file' in README.md"
    return found.group(1)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "cloud.yaml"
    path.write_text(readme_state_file(), encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str, **env: str) -> FakeCloud:
    path = tmp_path / "cloud.yaml"
    path.write_text(text, encoding="utf-8")
    return FakeCloud.from_file(path, env=env, seed=1)


def error_of(tmp_path: Path, text: str, **env: str) -> StateFileError:
    with pytest.raises(StateFileError) as caught:
        load_text(tmp_path, text, **env)
    return caught.value


# -- the README's example ---------------------------------------------------------------------

def test_readme_example_loads_as_written(example: Path) -> None:
    cloud = FakeCloud.from_file(example, env=ENV, seed=1)
    identity = cloud.identity
    web = cloud.project_id("web")
    assert identity.projects[cloud.project_id("web-staging")].parent_id == web
    assert cloud.project_id("ops", "acme")
    bob = identity.find_user("bob", "acme")
    assert bob.password == "bob-secret"
    assert bob.default_project_id == cloud.project_id("ops", "acme")
    assert not identity.find_user("carol").enabled
    assert cloud.compute.flavors["custom-1"].vcpus == 2
    assert cloud.compute.quota(web)["instances"] == 20
    assert cloud.block_storage.quota(web)["gigabytes"] == 100
    assert cloud.networking.limits(web)["network"] == 5
    assert cloud.object_storage.tempauth.users["web:uploader"].account_id == f"AUTH_{web}"
    assert [cloud.compute.server_status(s) for s in cloud.compute.servers] == ["ACTIVE"]
    assert [cloud.block_storage.volume_status(v) for v in cloud.block_storage.volumes] \
        == ["available"]
    neutron = cloud.networking
    [group] = [g for g in neutron.security_groups.values() if g.name == "web"]
    ports = {r.port_range_min: r.remote_group_id or r.remote_ip_prefix
             for r in neutron.rules_of(group) if r.direction == "ingress"}
    assert ports == {443: "0.0.0.0/0", 22: group.id}
    [router] = [r for r in neutron.routers.values() if r.name == "web-edge"]
    gateway = neutron.gateway_port(router)
    assert gateway is not None
    assert neutron.networks[gateway.network_id].name == "public"
    interfaces = [subnet for p in neutron.ports.values() if p.device_id == router.id
                  and p.device_owner == "network:router_interface" for subnet, _ in p.fixed_ips]
    assert [neutron.subnets[s].name for s in interfaces] == ["web-subnet"]
    [snapshot] = cloud.block_storage.snapshots.values()
    assert (snapshot.name, snapshot.status) == ("data-nightly", "available")
    [web1] = cloud.compute.servers.values()
    assert [group.id] == [g for v in web1.vifs for g in v.security_group_ids]
    # the inherited grant reaches the project below web, through the group
    alice = identity.find_user("alice")
    roles = identity.effective_role_ids(alice.id, "project", cloud.project_id("web-staging"))
    assert "auditor" in {identity.roles[r].name for r in roles}


def test_a_declared_user_logs_in_and_sees_what_the_file_declared(example: Path) -> None:
    cloud = FakeCloud.from_file(example, env=ENV, seed=1)
    with cloud:
        provider = openstack.authenticated_client(
            openstack.auth_options_from_env(cloud.os_environ("alice")))
        identity = openstack.new_identity_v3(provider)
        mine = [p.name for p in users.list_projects(identity, cloud.user_id("alice")).items()]
        assert sorted(mine) == ["web", "web-staging"]  # the group's inherited grant
        compute = openstack.new_compute_v2(provider)
        assert "m1.custom" in [f.name for f in flavors.list(compute).items()]
        assert [s.name for s in servers.list(compute).items()] == ["web-1"]
        laptop = keypairs.get(compute, "laptop").extract()
        assert laptop.public_key.endswith(" alice@laptop")
        web1 = next(iter(servers.list(compute).items()))
        assert servers.get(compute, web1.id).extract().key_name == "laptop"
        glance = openstack.new_image_v2(provider)
        tiny = [i for i in images.list(glance).items() if i.name == "tiny"]
        assert len(tiny) == 1
        assert tiny[0].status == "active"
        swift = openstack.new_object_storage_v1(provider)
        body = objects.download(swift, "assets", "index.html").extract_content()
        assert body == b"<h1>hello</h1>"


def test_a_disabled_user_from_the_file_cannot_log_in(example: Path) -> None:
    cloud = FakeCloud.from_file(example, env=ENV, seed=1)
    with cloud:
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "carol", "password": "carol-secret", "domain": {"name": "Default"}}}}}}
        resp = requests.post(cloud.identity_v3_url + "/auth/tokens", json=body, timeout=5)
    assert resp.status_code == 401


def test_tempauth_user_from_the_file_logs_in_on_its_project_account(example: Path) -> None:
    cloud = FakeCloud.from_file(example, env=ENV, seed=1)
    with cloud:
        login = requests.get(f"{cloud.base_url}/auth/v1.0", timeout=5, headers={
            "X-Auth-User": "web:uploader", "X-Auth-Key": "uploader-key"})
        assert login.status_code == 200
        listing = requests.get(login.headers["X-Storage-Url"] + "/assets", timeout=5,
                               headers={"X-Auth-Token": login.headers["X-Auth-Token"]})
    assert listing.text.split() == ["index.html"]


def test_load_state_takes_a_mapping_and_counts_what_it_made() -> None:
    cloud = FakeCloud(seed=1)
    made = cloud.load_state({"projects": [{"name": "a"}, {"name": "b"}],
                             "flavors": [{"name": "f", "ram": 64, "vcpus": 1, "disk": 0}]})
    assert made == {"projects": 2, "flavors": 1}


def test_json_is_a_state_file_too(tmp_path: Path) -> None:
    cloud = load_text(tmp_path, '{"projects": [{"name": "web"}]}')
    assert cloud.project_id("web")


def test_ids_come_from_the_clouds_seed(tmp_path: Path) -> None:
    text = "projects:\n  - name: web\n"
    first = load_text(tmp_path, text).project_id("web")
    assert load_text(tmp_path, text).project_id("web") == first


def test_files_are_read_relative_to_the_state_file(tmp_path: Path) -> None:
    (tmp_path / "disk.raw").write_bytes(b"\x00\x01raw bytes")
    cloud = load_text(tmp_path, "images:\n  - name: raw\n    disk_format: raw\n"
                                "    container_format: bare\n    file: disk.raw\n")
    image = next(i for i in cloud.image.images.values() if i.name == "raw")
    assert image.status == "active"
    assert image.size == 11


# -- errors, each at its line -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "expected"), [
    ("users:\n  - name: alice\n    pasword: x\n", 3,
     "users[0].pasword: unknown key 'pasword' (did you mean 'password'?)"),
    ("projects:\n  - name: web\nusers:\n  - name: a\n  - name: c\n    default_project: demo2\n",
     6, "users[1].default_project: 'demo2' is not a project in this file or the cloud"),
    ("users:\n  - name: demo\n", 2,
     "users[0]: refused by the cloud (409): Conflict occurred attempting to store user - "
     "Duplicate entry found with name demo at domain ID default."),
    ("users:\n  - name: [alice\n", 3, "not YAML"),
    ("users:\n  - name: a\n    name: b\n", 3, "users[0].name: the key 'name' is given twice"),
    ("version: 2\n", 1, "version: this stackdouble reads version 1 state files"),
    ("flavors:\n  - {name: m1.tiny, ram: 1, vcpus: 1, disk: 1}\n", 2,
     "refused by the cloud (409): Flavor with name m1.tiny already exists."),
    ("flavors:\n  - {name: x, ram: 1, vcpus: 1}\n", 2, "flavors[0]: 'disk' is required"),
    ("images:\n  - name: x\n    disk_format: qcow2\n    container_format: bare\n"
     "    data: hello\n", 2, "(415): Image disk_format qcow2 does not match stream data raw"),
    ("servers:\n  - {name: s, flavor: nope}\n", 2,
     "servers[0].flavor: 'nope' is not a flavor in this file or the cloud"),
    ("servers:\n  - {name: s, flavor: m1.tiny, networks: [nowhere]}\n", 2,
     "servers[0].networks[0]: 'nowhere' is not a network of this project"),
    ("quotas:\n  - project: demo\n    networking: {netwrk: 3}\n", 3,
     "quotas[0].networking.netwrk: unknown quota 'netwrk'"),
    ("quotas:\n  - project: demo\n    compute: {instancez: 3}\n", 3,
     "quotas[0].compute: refused by the cloud: unknown quota 'instancez'"),
    ("networks:\n  - name: n\n    subnets:\n      - {cidr: 10.9.0.0/24}\n"
     "      - {cidr: 10.9.0.0/25}\n", 5, "networks[0].subnets[1]: refused by the cloud (400)"),
    ("role_assignments:\n  - {role: member, user: demo}\n", 2,
     "give one of project, domain and system"),
    ("role_assignments:\n  - {role: boss, user: demo, project: demo}\n", 2,
     "role_assignments[0].role: 'boss' is not a role in this file or the cloud"),
    ("groups:\n  - name: g\n    members: [demo, nobody]\n", 3,
     "groups[0].members[1]: 'nobody' is not a user in this file or the cloud"),
    ("keypairs:\n  - {name: k, public_key: not-a-key}\n", 2,
     "keypairs[0]: refused by the cloud (400): Keypair data is invalid: failed to generate "
     "fingerprint"),
    ("keypairs:\n  - {name: k, publickey: x}\n", 2,
     "keypairs[0].publickey: unknown key 'publickey' (did you mean 'public_key'?)"),
    ("servers:\n  - {name: s, flavor: m1.tiny, key_name: nokey}\n", 2,
     "servers[0]: refused by the cloud (400): Invalid key_name provided."),
    ("security_groups:\n  - name: g\n    rules:\n      - {direction: ingress, "
     "remote_group: nobody}\n", 4,
     "security_groups[0].rules[0].remote_group: 'nobody' is not a security group of this "
     "project"),
    ("security_groups:\n  - name: g\n    rules:\n      - {direction: ingress, protocol: tcp, "
     "port_range_min: 90, port_range_max: 80}\n", 4,
     "refused by the cloud (400): For TCP/UDP protocols, port_range_min must be <= "
     "port_range_max"),
    ("routers:\n  - {name: r, external_network: private}\n", 2,
     "routers[0].external_network: 'private' is not an external network of the cloud"),
    ("routers:\n  - {name: r, interfaces: [nowhere]}\n", 2,
     "routers[0].interfaces[0]: 'nowhere' is not a subnet this project may use"),
    ("snapshots:\n  - {name: s, volume: nothing}\n", 2,
     "snapshots[0].volume: 'nothing' is not a volume of this project"),
    ("servers:\n  - {name: s, flavor: m1.tiny, security_groups: [nosuch]}\n", 2,
     "refused by the cloud (400): Unable to find security_group with name or id 'nosuch'"),
    ("containers:\n  - {name: a/b}\n", 2, "'a/b' is not a container name"),
    ("- projects\n", 1, "a state file is a mapping of sections"),
    ("images:\n  - name: x\n    data: a\n    data_base64: YQ==\n", 4,
     "give one of data, data_base64 and file, not data and data_base64"),
    ("images:\n  - name: x\n    data_base64: '***'\n", 3, "images[0].data_base64: is not base64"),
])
def test_a_bad_file_names_its_line_and_the_problem(tmp_path: Path, text: str, line: int,
                                                   expected: str) -> None:
    err = error_of(tmp_path, text)
    assert err.line == line
    assert str(err).startswith(f"{tmp_path / 'cloud.yaml'}, line {line}, column ")
    assert expected in str(err)
    assert isinstance(err, ValueError)


def test_an_unreadable_file_is_a_state_file_error(tmp_path: Path) -> None:
    with pytest.raises(StateFileError, match="cannot be read"):
        FakeCloud.from_file(tmp_path / "missing.yaml")


def test_a_mapping_with_a_problem_names_the_entry_without_a_line() -> None:
    with pytest.raises(StateFileError) as caught:
        FakeCloud(seed=1).load_state({"users": [{"name": "a", "default_project": "zz"}]})
    assert str(caught.value) == ("<mapping>: users[0].default_project: 'zz' is not a "
                                 "project in this file or the cloud")
    assert caught.value.line is None


@pytest.mark.parametrize("text", [
    "users:\n  - name: alice\n    password: 918273645\n",
    "users:\n  - name: alice\n    password: [s3cr3t-918273645]\n",
    "tempauth:\n  - {account: a, user: b, key: {value: s3cr3t-918273645}}\n",
    "users:\n  - name: demo\n    password: s3cr3t-918273645\n",
    "users:\n  - name: alice\n    password: s3cr3t-918273645\n    default_project: nope\n",
])
def test_secrets_never_appear_in_an_error(tmp_path: Path, text: str) -> None:
    err = error_of(tmp_path, text)
    for shown in (str(err), repr(err), err.problem, repr(pickle.loads(pickle.dumps(err)))):
        assert "918273645" not in shown


def test_an_env_secret_that_is_not_set_names_the_variable(tmp_path: Path) -> None:
    err = error_of(tmp_path, "users:\n  - name: alice\n    password: {env: ALICE_PW}\n")
    assert err.line == 3
    assert "the environment variable ALICE_PW is not set" in str(err)


def test_an_env_secret_is_read_when_the_file_loads(tmp_path: Path) -> None:
    cloud = load_text(tmp_path, "users:\n  - name: alice\n    password: {env: ALICE_PW}\n",
                      ALICE_PW="from-env")
    assert cloud.credentials("alice")["password"] == "from-env"


def test_the_error_pickles(tmp_path: Path) -> None:
    err = error_of(tmp_path, "users:\n  - name: alice\n    pasword: x\n")
    again = pickle.loads(pickle.dumps(err))
    assert (str(again), again.line, again.path) == (str(err), err.line, err.path)


# -- dumping ----------------------------------------------------------------------------------

def test_a_fresh_cloud_dumps_nothing_but_the_version() -> None:
    assert FakeCloud(seed=3).dump_state() == {"version": 1}


def test_a_dump_without_secrets_refers_to_variables_and_still_logs_in(example: Path) -> None:
    shared = FakeCloud.from_file(example, env=ENV, seed=1).dump_state()
    text = to_yaml(shared)
    for secret in ("alice-secret", "bob-secret", "ops-key", "uploader-key"):
        assert secret not in text
    assert shared["users"][0]["password"] == {"env": "STACKDOUBLE_PASSWORD_ALICE"}
    assert shared["users"][1]["password"] == {"env": "STACKDOUBLE_PASSWORD_ACME_BOB"}
    env = {"STACKDOUBLE_PASSWORD_ALICE": "new-pw", "STACKDOUBLE_PASSWORD_ACME_BOB": "b",
           "STACKDOUBLE_PASSWORD_CAROL": "c", "STACKDOUBLE_TEMPAUTH_KEY_ACME_OPS": "k",
           "STACKDOUBLE_TEMPAUTH_KEY_WEB_UPLOADER": "u"}
    again = FakeCloud(seed=9)
    again.load_state(shared, env=env)
    assert again.dump_state() == shared
    assert again.credentials("alice")["password"] == "new-pw"


def test_control_plane_serves_the_dump_as_yaml_without_secrets(example: Path) -> None:
    cloud = FakeCloud.from_file(example, env=ENV, seed=1)
    with cloud.serve() as served:
        resp = requests.get(served.url + "/_stackdouble/statefile", timeout=5)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("application/yaml")
    assert "alice-secret" not in resp.text
    fresh = FakeCloud(seed=2)
    import yaml

    fresh.load_state(yaml.safe_load(resp.text), env={
        "STACKDOUBLE_PASSWORD_ALICE": "x", "STACKDOUBLE_PASSWORD_ACME_BOB": "x",
        "STACKDOUBLE_PASSWORD_CAROL": "x", "STACKDOUBLE_TEMPAUTH_KEY_ACME_OPS": "x",
        "STACKDOUBLE_TEMPAUTH_KEY_WEB_UPLOADER": "x"})
    assert fresh.dump_state() == yaml.safe_load(resp.text)

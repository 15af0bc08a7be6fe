"""What each servers builder sends: method, URL, both microversion headers, JSON body."""

from __future__ import annotations

import base64

import pytest
import responses

from stackdouble.client import InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import servers
from tests.client.compute.support import BASE, MICROVERSION, sample, sent_json

SERVER_ID = "0e12087a-7c87-476a-8f84-7398e991cecc"
ACTION = f"{BASE}servers/{SERVER_ID}/action"


def _create_opts(**overrides: object) -> servers.CreateOpts:
    fields: dict[str, object] = {"name": "web", "image_ref": "img-1", "flavor_ref": "1"}
    fields.update(overrides)
    return servers.CreateOpts(**fields)  # type: ignore[arg-type]


def test_every_request_carries_both_nova_microversion_headers(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/{SERVER_ID}", json=sample("server-get-2.73"))
    servers.get(compute, SERVER_ID).extract()
    headers = mock.calls[0].request.headers
    assert headers["OpenStack-API-Version"] == f"compute {MICROVERSION}"
    assert headers["X-OpenStack-Nova-API-Version"] == MICROVERSION


def test_a_client_without_microversion_sends_no_microversion_header(
    mock: responses.RequestsMock, plain: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/{SERVER_ID}", json=sample("server-get-2.1"))
    servers.get(plain, SERVER_ID).extract()
    headers = mock.calls[0].request.headers
    assert "OpenStack-API-Version" not in headers
    assert "X-OpenStack-Nova-API-Version" not in headers


def test_create_posts_the_server_body(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(f"{BASE}servers", json=sample("server-create"), status=202)
    opts = _create_opts(
        metadata={"role": "web"},
        networks=[servers.Network(uuid="net-1", fixed_ip="10.0.0.5"), servers.Network(port="p-1")],
        key_name="deploy",
        availability_zone="nova",
        security_groups=["default", "web"],
        config_drive=True,
        min_count=1,
        max_count=2,
        scheduler_hints={"group": "g-1"},
    )
    servers.create(compute, opts).extract()
    call = mock.calls[0]
    assert call.request.method == "POST"
    assert sent_json(call) == {
        "server": {
            "name": "web",
            "imageRef": "img-1",
            "flavorRef": "1",
            "metadata": {"role": "web"},
            "networks": [{"uuid": "net-1", "fixed_ip": "10.0.0.5"}, {"port": "p-1"}],
            "key_name": "deploy",
            "availability_zone": "nova",
            "security_groups": [{"name": "default"}, {"name": "web"}],
            "config_drive": True,
            "min_count": 1,
            "max_count": 2,
        },
        "os:scheduler_hints": {"group": "g-1"},
    }


def test_create_base64_encodes_user_data_given_as_text_or_bytes() -> None:
    script = "#!/bin/sh\necho héllo\n"
    as_text = _create_opts(user_data=script).to_server_create_map()["server"]["user_data"]
    as_bytes = _create_opts(user_data=script.encode()).to_server_create_map()["server"]["user_data"]
    assert as_text == as_bytes
    assert base64.b64decode(as_text).decode() == script


def test_create_sends_admin_pass_but_never_shows_it(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(f"{BASE}servers", json=sample("server-create"), status=202)
    opts = _create_opts(admin_pass="Sup3r-secret")
    server = servers.create(compute, opts).extract()
    assert sent_json(mock.calls[0])["server"]["adminPass"] == "Sup3r-secret"
    assert "Sup3r-secret" not in repr(opts)
    assert server.admin_pass == "6NpUwoz2QDRN"
    assert "6NpUwoz2QDRN" not in repr(server)


def test_create_extracts_the_short_answer(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(f"{BASE}servers", json=sample("server-create"), status=202)
    server = servers.create(compute, _create_opts()).extract()
    assert server.id == "f5dc173b-6804-445a-a6d8-c705dad5b5eb"
    assert server.disk_config == "AUTO"
    assert server.security_groups == ("default",)
    assert server.status == ""


@pytest.mark.parametrize("word", ["auto", "none"])
def test_create_sends_auto_or_none_networks_as_words(word: str) -> None:
    assert _create_opts(networks=word).to_server_create_map()["server"]["networks"] == word


def test_create_boots_from_volume_without_image_ref() -> None:
    device = servers.BlockDevice(source_type="image", destination_type="volume", uuid="img-1",
                                 boot_index=0, volume_size=10, delete_on_termination=True)
    body = _create_opts(image_ref=None, block_device_mapping_v2=[device]).to_server_create_map()
    assert "imageRef" not in body["server"]
    assert body["server"]["block_device_mapping_v2"] == [{
        "source_type": "image", "destination_type": "volume", "uuid": "img-1",
        "boot_index": 0, "volume_size": 10, "delete_on_termination": True,
    }]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"flavor_ref": ""}, "flavor_ref"),
        ({"image_ref": None}, "image_ref"),
        ({"networks": "everything"}, "networks"),
        ({"networks": [servers.Network(fixed_ip="10.0.0.1")]}, "networks"),
        ({"min_count": 3, "max_count": 2}, "min_count"),
    ],
)
def test_create_with_bad_options_sends_nothing_and_defers_the_error(
    mock: responses.RequestsMock, compute: ServiceClient, overrides: dict[str, object], field: str
) -> None:
    result = servers.create(compute, _create_opts(**overrides))
    assert len(mock.calls) == 0
    with pytest.raises(InvalidInput) as info:
        result.extract()
    assert info.value.field == field


def test_update_puts_only_the_given_fields(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.put(f"{BASE}servers/{SERVER_ID}", json=sample("server-get-2.73"))
    opts = servers.UpdateOpts(name="renamed", access_ipv6="2001:db8::1")
    server = servers.update(compute, SERVER_ID, opts).extract()
    assert sent_json(mock.calls[0]) == {"server": {"name": "renamed", "accessIPv6": "2001:db8::1"}}
    assert server.id == SERVER_ID


def test_delete_sends_delete_and_accepts_204(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.delete(f"{BASE}servers/{SERVER_ID}", status=204)
    servers.delete(compute, SERVER_ID).extract_err()
    assert mock.calls[0].request.method == "DELETE"


def test_server_ids_are_quoted_in_urls(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.delete(f"{BASE}servers/a%2Fb%3Fc", status=204)
    servers.delete(compute, "a/b?c").extract_err()
    assert mock.calls[0].request.url == f"{BASE}servers/a%2Fb%3Fc"


@pytest.mark.parametrize(
    ("call", "body", "status"),
    [
        (lambda c: servers.reboot(c, SERVER_ID), {"reboot": {"type": "SOFT"}}, 202),
        (lambda c: servers.reboot(c, SERVER_ID, servers.RebootOpts(type=servers.RebootMethod.HARD)),
         {"reboot": {"type": "HARD"}}, 202),
        (lambda c: servers.resize(c, SERVER_ID, servers.ResizeOpts(flavor_ref="2")),
         {"resize": {"flavorRef": "2"}}, 202),
        (lambda c: servers.confirm_resize(c, SERVER_ID), {"confirmResize": None}, 204),
        (lambda c: servers.revert_resize(c, SERVER_ID), {"revertResize": None}, 202),
        (lambda c: servers.change_admin_password(c, SERVER_ID, "n3w"),
         {"changePassword": {"adminPass": "n3w"}}, 202),
        (lambda c: servers.lock(c, SERVER_ID), {"lock": None}, 202),
        (lambda c: servers.lock(c, SERVER_ID, reason="maintenance"),
         {"lock": {"locked_reason": "maintenance"}}, 202),
        (lambda c: servers.unlock(c, SERVER_ID), {"unlock": None}, 202),
        (lambda c: servers.pause(c, SERVER_ID), {"pause": None}, 202),
        (lambda c: servers.unpause(c, SERVER_ID), {"unpause": None}, 202),
        (lambda c: servers.suspend(c, SERVER_ID), {"suspend": None}, 202),
        (lambda c: servers.resume(c, SERVER_ID), {"resume": None}, 202),
        (lambda c: servers.force_delete(c, SERVER_ID), {"forceDelete": None}, 202),
    ],
)
def test_actions_post_their_body_to_the_action_url(
    mock: responses.RequestsMock, compute: ServiceClient, call: object, body: object, status: int
) -> None:
    mock.post(ACTION, status=status)
    call(compute).extract_err()  # type: ignore[operator]
    assert mock.calls[0].request.url == ACTION
    assert sent_json(mock.calls[0]) == body
    assert mock.calls[0].request.headers["X-OpenStack-Nova-API-Version"] == MICROVERSION


def test_reboot_with_an_unknown_type_defers_invalid_input(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    result = servers.reboot(compute, SERVER_ID, servers.RebootOpts(type="GENTLE"))
    with pytest.raises(InvalidInput):
        result.extract_err()
    assert len(mock.calls) == 0


def test_rebuild_sends_image_and_password_and_extracts_the_server(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    answer = sample("server-get-2.73")
    answer["server"]["adminPass"] = "seekr1t"
    answer["server"]["status"] = "REBUILD"
    mock.post(ACTION, json=answer, status=202)
    opts = servers.RebuildOpts(image_ref="img-2", name="rebuilt", admin_pass="seekr1t",
                               metadata={"k": "v"}, user_data=b"#cloud-config")
    server = servers.rebuild(compute, SERVER_ID, opts).extract()
    assert sent_json(mock.calls[0]) == {"rebuild": {
        "imageRef": "img-2", "name": "rebuilt", "adminPass": "seekr1t", "metadata": {"k": "v"},
        "user_data": base64.b64encode(b"#cloud-config").decode(),
    }}
    assert server.status == "REBUILD"
    assert server.admin_pass == "seekr1t"
    assert "seekr1t" not in repr(opts)
    assert "seekr1t" not in repr(server)


def test_create_image_reads_image_id_from_the_body_from_2_45(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(ACTION, json={"image_id": "0e7761dd-ee98-41f0-ba35-05994e446431"}, status=202)
    opts = servers.CreateImageOpts(name="snap", metadata={"purpose": "backup"})
    image_id = servers.create_image(compute, SERVER_ID, opts).extract_image_id()
    assert image_id == "0e7761dd-ee98-41f0-ba35-05994e446431"
    assert sent_json(mock.calls[0]) == {
        "createImage": {"name": "snap", "metadata": {"purpose": "backup"}}
    }


def test_create_image_reads_image_id_from_location_before_2_45(
    mock: responses.RequestsMock, plain: ServiceClient
) -> None:
    location = "http://nova.test/v2.1/images/0e7761dd-ee98-41f0-ba35-05994e446431"
    mock.post(ACTION, status=202, headers={"Location": location})
    result = servers.create_image(plain, SERVER_ID, servers.CreateImageOpts(name="snap"))
    assert result.extract_image_id() == "0e7761dd-ee98-41f0-ba35-05994e446431"


def test_metadata_calls_use_nova_verbs_and_bodies(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    url = f"{BASE}servers/{SERVER_ID}/metadata"
    mock.get(url, json={"metadata": {"a": "1"}})
    mock.put(url, json={"metadata": {"b": "2"}})
    mock.post(url, json={"metadata": {"b": "2", "c": "3"}})
    mock.get(f"{url}/b", json={"meta": {"b": "2"}})
    mock.put(f"{url}/d", json={"meta": {"d": "4"}})
    mock.delete(f"{url}/d", status=204)
    assert servers.metadata(compute, SERVER_ID).extract() == {"a": "1"}
    assert servers.reset_metadata(compute, SERVER_ID, {"b": "2"}).extract() == {"b": "2"}
    assert servers.update_metadata(compute, SERVER_ID, {"c": "3"}).extract() == {"b": "2", "c": "3"}
    assert servers.metadatum(compute, SERVER_ID, "b").extract() == {"b": "2"}
    assert servers.create_metadatum(compute, SERVER_ID, "d", "4").extract() == {"d": "4"}
    servers.delete_metadatum(compute, SERVER_ID, "d").extract_err()
    bodies = [sent_json(mock.calls[i]) for i in (1, 2, 4)]
    assert bodies == [{"metadata": {"b": "2"}}, {"metadata": {"c": "3"}}, {"meta": {"d": "4"}}]


def test_addresses_by_server_and_by_network(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    ips = f"{BASE}servers/{SERVER_ID}/ips"
    mock.get(ips, json={"addresses": {"private": [{"addr": "192.168.1.30", "version": 4}],
                                      "public": [{"addr": "2001:db8::5", "version": 6}]}})
    mock.get(f"{ips}/private", json={"private": [{"addr": "192.168.1.30", "version": 4}]})
    by_net = servers.extract_addresses(servers.list_addresses(compute, SERVER_ID).all_pages())
    assert {net: [a.address for a in addrs] for net, addrs in by_net.items()} == {
        "private": ["192.168.1.30"], "public": ["2001:db8::5"]}
    one = servers.extract_network_addresses(
        servers.list_addresses_by_network(compute, SERVER_ID, "private").all_pages())
    assert [(a.address, a.version) for a in one] == [("192.168.1.30", 4)]


def test_list_options_become_nova_query_keys(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/detail", json={"servers": []})
    opts = servers.ListOpts(name="web", status="ACTIVE", image="img-1", flavor="1",
                            changes_since="2026-01-01T00:00:00Z", all_tenants=True,
                            host="compute-1", ip="10.0.0.", tags=["a", "b"], limit=10,
                            marker="m-1", sort_key="name", sort_dir="asc")
    servers.list(compute, opts).all_pages()
    query = str(mock.calls[0].request.url).split("?", 1)[1]
    assert query == (
        "name=web&status=ACTIVE&image=img-1&flavor=1&changes-since=2026-01-01T00%3A00%3A00Z"
        "&all_tenants=true&host=compute-1&ip=10.0.0.&tags=a%2Cb&limit=10&marker=m-1"
        "&sort_key=name&sort_dir=asc"
    )


def test_list_simple_gets_servers_without_detail(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers", json={"servers": [
        {"id": SERVER_ID, "name": "new-server-test", "links": []}]})
    found = [(s.id, s.name) for s in servers.list_simple(compute).items()]
    assert found == [(SERVER_ID, "new-server-test")]


def test_list_with_a_bad_option_fails_on_the_first_page_without_a_request(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    pager = servers.list(compute, servers.ListOpts(limit=-1))
    with pytest.raises(InvalidInput):
        pager.all_pages()
    assert len(mock.calls) == 0

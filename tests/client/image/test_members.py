"""The members package against real Glance 33 answers: share, list, accept, delete."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import Forbidden, InvalidInput, ServiceClient
from stackdouble.client.openstack.image.v2 import members
from tests.client.image.samples import load
from tests.client.image.support import register, sent_json

IMAGE_ID = "b131f3a6-b2d0-4c4d-b2e4-e2b6319da26e"
MEMBER = load("member-create")["body"]["member_id"]


def test_create_shares_the_image_and_starts_pending(mock: responses.RequestsMock,
                                                    image_client: ServiceClient) -> None:
    register(mock, "member-create")
    member = members.create(image_client, IMAGE_ID, MEMBER).extract()
    assert sent_json(mock.calls[0]) == {"member": MEMBER}
    assert (member.member_id, member.image_id, member.status) == (MEMBER, IMAGE_ID, "pending")
    assert member.schema == "/v2/schemas/member"


def test_list_gives_every_member_in_one_page(mock: responses.RequestsMock,
                                             image_client: ServiceClient) -> None:
    register(mock, "members-list")
    listed = list(members.list(image_client, IMAGE_ID).items())
    assert [(m.member_id, m.status) for m in listed] == [(MEMBER, "pending")]
    assert len(mock.calls) == 1


def test_the_member_accepts(mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    register(mock, "member-update")
    member = members.update(image_client, IMAGE_ID, MEMBER,
                            members.UpdateOpts(status="accepted")).extract()
    assert sent_json(mock.calls[0]) == {"status": "accepted"}
    assert member.status == "accepted"
    assert member.updated_at is not None
    assert member.created_at is not None
    assert member.updated_at > member.created_at


def test_the_owner_may_not_answer_for_the_member(mock: responses.RequestsMock,
                                                 image_client: ServiceClient) -> None:
    register(mock, "error-403-modify-member")
    with pytest.raises(Forbidden) as caught:
        members.update(image_client, IMAGE_ID, MEMBER,
                       members.UpdateOpts(status="accepted")).extract()
    assert "modify_member" in str(caught.value)


def test_an_unknown_status_fails_without_a_request(mock: responses.RequestsMock,
                                                   image_client: ServiceClient) -> None:
    result = members.update(image_client, IMAGE_ID, MEMBER, members.UpdateOpts(status="ok"))
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == "status"


def test_delete_accepts_204(mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    register(mock, "member-delete-204")
    members.delete(image_client, IMAGE_ID, MEMBER).extract_err()


def test_get_gives_one_member(mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    sample = register(mock, "member-update", method="GET")
    member = members.get(image_client, IMAGE_ID, MEMBER).extract()
    assert mock.calls[0].request.url.endswith(sample["request"]["path"])
    assert (member.member_id, member.status) == (MEMBER, "accepted")

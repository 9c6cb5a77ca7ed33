"""Joint procedures in the shipped catalog: the Decree 63/2024 groups and joint versions."""


def test_the_two_decree_63_groups_are_shipped_with_their_agencies(api):
    groups = api.get("/api/v1/procedure-groups/").json()

    assert [g["code"] for g in groups] == ["nd63-khai-sinh", "nd63-khai-tu"]
    birth = groups[0]
    assert "Nghị định 63/2024/NĐ-CP" in birth["legal_basis"]
    assert birth["time_limit"] == {"value": 3, "unit": "working_days"}
    assert [
        (p["procedure"], p["agency_kind"], p["role"], p["stage"], p["share"], p["system"])
        for p in birth["participants"]
    ] == [
        ("1.001193", "commune_committee", "lead", 1, 0.4, None),
        ("1.004222", "commune_police", "participant", 2, 0.3, "residence"),
        (None, "social_insurance", "participant", 2, 0.3, "social_insurance"),
    ]
    death = groups[1]
    assert [p["procedure"] for p in death["participants"]] == ["1.000656", "1.003197", None]
    assert death["time_limit_state"] == "unverified"


def test_a_joint_procedure_version_lists_its_participants_and_a_single_one_none(api):
    joint = api.get("/api/v1/procedures/2.001023/").json()
    single = api.get("/api/v1/procedures/1.001193/").json()

    assert [(p["agency_kind"], p["role"]) for p in joint["participants"]] == [
        ("commune_committee", "lead"),
        ("social_insurance", "participant"),
    ]
    assert single["participants"] == []


def test_an_unknown_group_is_404(api):
    assert api.get("/api/v1/procedure-groups/nope/").status_code == 404

"""Search on the shipped termbase (data/): the examples of issue 5 on the real data."""

from __future__ import annotations

import pytest

from glossary import config, create_app, db
from glossary.cli import initialise
from glossary.services.search import search


@pytest.fixture(scope="module")
def find(tmp_path_factory):
    root = tmp_path_factory.mktemp("shipped")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(root),
                      "DATABASE_URL": f"sqlite:///{root / 'shipped.sqlite'}",
                      "DATA_DIR": str(config.PROJECT_ROOT / "data"), "SECRET_KEY": "test"})
    with app.app_context():
        initialise()

    def find(query, **options):
        with app.app_context():
            return [h["concept"]["id"] for h in search(db.session(), query, **options)["hits"]]
    return find


@pytest.mark.parametrize("query, concept", [
    ("Шанхайской конвенции", "shanghai-convention"),
    ("sgsl", "three-evil-forces"),
    ("三股勢力", "three-evil-forces"),
    ("three evil forces", "three-evil-forces"),
    ("sangushili", "three-evil-forces"),
    ("san gu shi li", "three-evil-forces"),
    ("sān gǔ shì lì", "three-evil-forces"),
    ("san1 gu3 shi4 li4", "three-evil-forces"),
    ("RATS", "rats"),
    ("РАТС", "rats"),
    ("Астане", "astana"),
    ("в Астане", "astana"),
    ("Nazarbaev", "nursultan-nazarbayev"),
    ("Си Цзиньпин", "xi-jinping"),
    ("Shanghai Cooperation Organization", "sco"),
    ("ШОС", "sco"),
    ("SCO", "sco"),
])
def test_the_issues_examples_on_the_shipped_termbase(find, query, concept):
    assert find(query)[0] == concept


def test_a_fragment_finds_the_regional_anti_terrorist_structure(find):
    # Among the dozen concepts with 反恐 in a short term (联合国反恐办, 联合反恐演习 …), on the
    # first page; preferred terms rank before admitted ones, and RATS's preferred Chinese
    # forms are the longer 上海合作组织… and 上合组织地区反恐怖机构.
    assert "rats" in find("反恐", limit=10)

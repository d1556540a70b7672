from glossary import create_app


def test_test_config_overrides_defaults(make_app):
    app = make_app(PAGE_SIZE=7)
    assert app.config["PAGE_SIZE"] == 7
    assert app.testing


def test_environment_variables_configure_the_app(monkeypatch, tmp_path):
    monkeypatch.setenv("GLOSSARY_INSTANCE", str(tmp_path / "inst"))
    monkeypatch.setenv("GLOSSARY_DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite'}")
    monkeypatch.setenv("GLOSSARY_PAGE_SIZE", "25")
    app = create_app()
    assert app.instance_path == str(tmp_path / "inst")
    assert app.config["DATABASE_URL"].endswith("other.sqlite")
    assert app.config["PAGE_SIZE"] == 25


def test_default_database_lives_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("GLOSSARY_INSTANCE", str(tmp_path / "inst"))
    monkeypatch.delenv("GLOSSARY_DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'inst' / 'glossary.sqlite'}"


def test_secret_key_is_made_once_per_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("GLOSSARY_INSTANCE", str(tmp_path / "inst"))
    monkeypatch.delenv("GLOSSARY_SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    assert first and first == create_app().config["SECRET_KEY"]


def test_json_keeps_chinese_and_russian_readable(client):
    body = client.get("/concepts/sco.json").get_data(as_text=True)
    assert "上海合作组织" in body and "ШОС" in body

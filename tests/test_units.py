"""What each unit type writes, exactly, and how its answers shape it."""

import pytest
import yaml
from conftest import DATE, scaffold
from vectra_scaffold import data, probes
from vectra_scaffold import unit as unit_model


def written(project):
    return sorted(
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if path.is_file() and path.name not in (".gitattributes", ".copier-answers.yml")
    )


def core(type_, name, *docs):
    """Files every unit writes, and the documents its sections create here."""
    folder = data.work_type(type_)["log_folder"]
    unit = f"{type_}-{name}"
    return [
        f".copier-answers/{unit}.yml",
        f"docs/workflow/logs/{folder}/{DATE}_{type_}_{name}.md",
        f"docs/workflow/units/{unit}/workflow/STATUS.md",
        "docs/workflow/STATUS.md",
        *docs,
        *(f"docs/workflow/units/{unit}/{doc.removeprefix('docs/')}" for doc in docs),
    ]


API_DOCS = ("docs/tech/DOC-TECH-002_API_CONTRACTS.md", "docs/tech/DOC-TECH-001_DATABASE_SCHEMA.md")


def resource_files(entity, table, revision):
    return [
        f"backend/alembic/versions/{revision}_create_{table}.py",
        f"backend/app/api/v1/endpoints/{table}.py",
        f"backend/app/models/{entity}.py",
        f"backend/app/repositories/{entity}.py",
        f"backend/app/schemas/{entity}.py",
        f"backend/app/services/{entity}.py",
        f"backend/tests/test_{entity}_service.py",
        f"backend/tests/test_{table}_api.py",
    ]


def test_api_unit_files(tmp_path):
    scaffold(tmp_path, type="api", name="campaigns-endpoints")

    revision = unit_model.revision_id("api", "campaigns-endpoints", DATE)
    assert written(tmp_path) == sorted(
        core("api", "campaigns-endpoints", *API_DOCS)
        + resource_files("campaign", "campaigns", revision)
    )


def test_api_unit_without_model_when_the_model_exists(tmp_path):
    model = tmp_path / "backend/app/models/campaign.py"
    model.parent.mkdir(parents=True)
    model.write_text("# the team's model\n")

    scaffold(tmp_path, type="api", name="campaigns-endpoints")

    files = written(tmp_path)
    assert model.read_text() == "# the team's model\n"
    assert not [path for path in files if "alembic/versions" in path]
    assert "backend/app/api/v1/endpoints/campaigns.py" in files
    answers = yaml.safe_load((tmp_path / ".copier-answers/api-campaigns-endpoints.yml").read_text())
    assert answers["with_model"] is False
    assert "revision" not in answers


def test_api_unit_operations_select_the_endpoints(tmp_path):
    scaffold(tmp_path, type="api", name="leads-api", operations="list,get")

    endpoints = (tmp_path / "backend/app/api/v1/endpoints/leads.py").read_text()
    assert '@router.get("")' in endpoints
    assert '@router.get("/{lead_id}", responses=NOT_FOUND)' in endpoints
    assert "from app.core.errors import NOT_FOUND, TENANT_ERRORS\n" in endpoints
    assert "@router.post" not in endpoints
    assert "@router.patch" not in endpoints
    assert "@router.delete" not in endpoints
    tests = (tmp_path / "backend/tests/test_leads_api.py").read_text()
    assert "def test_create_lead" not in tests
    assert "def test_get_lead_of_another_tenant_is_not_found" in tests


def test_api_entity_and_fields_drive_the_code(tmp_path):
    scaffold(
        tmp_path,
        type="api",
        name="campaigns-endpoints",
        fields="name:str budget:int? starts_at:datetime",
    )

    model = (tmp_path / "backend/app/models/campaign.py").read_text()
    assert "name: Mapped[str] = mapped_column(String(255))" in model
    assert "budget: Mapped[int | None] = mapped_column(Integer, nullable=True)" in model
    assert "starts_at: Mapped[datetime] = mapped_column(UTCDateTime)" in model
    assert "from app.db.types import UTCDateTime\n" in model
    schemas = (tmp_path / "backend/app/schemas/campaign.py").read_text()
    assert "class CampaignCreate(CampaignBase):" in schemas
    assert "from app.schemas.fields import Int32, Str255, UtcDatetime\n" in schemas
    assert "    name: Str255\n" in schemas
    assert "budget: Int32 | None = None" in schemas
    assert 'ConfigDict(extra="forbid", json_schema_extra=not_null("name", "starts_at"))' in schemas
    assert '@field_validator("name", "starts_at")' in schemas


def test_database_unit_without_entity_is_an_empty_revision(tmp_path):
    scaffold(tmp_path, type="database", name="add-lead-enrichment")

    revision = unit_model.revision_id("database", "add-lead-enrichment", DATE)
    assert written(tmp_path) == sorted(
        core("database", "add-lead-enrichment", "docs/tech/DOC-TECH-001_DATABASE_SCHEMA.md")
        + [
            f"backend/alembic/versions/{revision}_add_lead_enrichment.py",
            "backend/tests/test_migration_add_lead_enrichment.py",
        ]
    )
    migration = (
        tmp_path / f"backend/alembic/versions/{revision}_add_lead_enrichment.py"
    ).read_text()
    assert '"""add lead enrichment' in migration
    assert "down_revision: str | None = None" in migration


def test_database_unit_with_entity_writes_the_model(tmp_path):
    scaffold(tmp_path, type="database", name="lead-scores", entity="lead-score", fields="score:int")

    assert "backend/app/models/lead_score.py" in written(tmp_path)
    assert (
        '__tablename__ = "lead_scores"'
        in (tmp_path / "backend/app/models/lead_score.py").read_text()
    )


def test_two_database_units_chain_into_one_history(tmp_path):
    scaffold(tmp_path, type="database", name="first-change")
    scaffold(tmp_path, type="database", name="second-change")

    first = unit_model.revision_id("database", "first-change", DATE)
    second = unit_model.revision_id("database", "second-change", DATE)
    text = (tmp_path / f"backend/alembic/versions/{second}_second_change.py").read_text()
    assert f'down_revision: str | None = "{first}"' in text
    assert probes.alembic_head(str(tmp_path)) == second
    answers = yaml.safe_load((tmp_path / ".copier-answers/database-second-change.yml").read_text())
    assert answers["revision"] == second
    assert answers["down_revision"] == first


def test_agent_unit_files(tmp_path):
    scaffold(tmp_path, type="agent", name="bant-qualifier")

    assert written(tmp_path) == sorted(
        core("agent", "bant-qualifier", "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md")
        + [
            "backend/app/agents/bant_qualifier.py",
            "backend/app/agents/prompts/bant_qualifier.md",
            "backend/app/api/v1/endpoints/bant_qualifier_runs.py",
            "backend/app/services/bant_qualifier.py",
            "backend/app/tasks/bant_qualifier.py",
            "backend/tests/test_bant_qualifier_agent.py",
            "backend/tests/test_bant_qualifier_runs_api.py",
        ]
    )


def test_agent_without_async_task_has_no_celery_task(tmp_path):
    scaffold(tmp_path, type="agent", name="bant-qualifier", async_task=False)

    assert "backend/app/tasks/bant_qualifier.py" not in written(tmp_path)
    tests = (tmp_path / "backend/tests/test_bant_qualifier_agent.py").read_text()
    assert "run_bant_qualifier_task" not in tests
    runs = (tmp_path / "backend/app/api/v1/endpoints/bant_qualifier_runs.py").read_text()
    assert "inline=True" in runs


def test_agent_fields_drive_its_contract(tmp_path):
    scaffold(
        tmp_path,
        type="agent",
        name="bant-qualifier",
        input_fields="lead:text",
        output_fields="budget:bool authority:bool score:int",
    )

    agent = (tmp_path / "backend/app/agents/bant_qualifier.py").read_text()
    assert 'model_config = ConfigDict(extra="forbid")\n    lead: str\n' in agent
    assert "    budget: bool\n    authority: bool\n    score: int\n" in agent
    assert "budget=False," in agent
    prompt = (tmp_path / "backend/app/agents/prompts/bant_qualifier.md").read_text()
    assert "- `score` (int)" in prompt


def test_component_unit_files(tmp_path):
    scaffold(tmp_path, type="component", name="lead-card")

    assert written(tmp_path) == sorted(
        core("component", "lead-card")
        + [
            "frontend/src/components/LeadCard/LeadCard.test.tsx",
            "frontend/src/components/LeadCard/LeadCard.tsx",
            "frontend/src/components/LeadCard/index.ts",
            "frontend/src/components/LeadCard/types.ts",
        ]
    )
    assert "z." not in (tmp_path / "frontend/src/components/LeadCard/types.ts").read_text()


def test_reusable_component_with_zod_props(tmp_path):
    scaffold(tmp_path, type="component", name="bant-badge", reusable=True, zod_props=True)

    catalog = "docs/ui/DOC-UI-002_COMPONENTS_CATALOG.md"
    assert written(tmp_path) == sorted(
        core("component", "bant-badge", catalog)
        + [
            "frontend/src/components/BantBadge/BantBadge.test.tsx",
            "frontend/src/components/BantBadge/BantBadge.tsx",
            "frontend/src/components/BantBadge/index.ts",
            "frontend/src/components/BantBadge/types.ts",
        ]
    )
    types = (tmp_path / "frontend/src/components/BantBadge/types.ts").read_text()
    assert "export const BantBadgePropsSchema = schema;" in types
    assert "### BantBadge" in (tmp_path / catalog).read_text()


def test_page_unit_files_for_a_dynamic_route(tmp_path):
    scaffold(tmp_path, type="component", name="lead-detail", kind="page", route="leads/[id]")

    assert written(tmp_path) == sorted(
        core("component", "lead-detail")
        + [
            "frontend/src/app/leads/[id]/page.test.tsx",
            "frontend/src/app/leads/[id]/page.tsx",
            "frontend/tests/e2e/leads/[id].spec.ts",
        ]
    )
    page = (tmp_path / "frontend/src/app/leads/[id]/page.tsx").read_text()
    assert "params: Promise<{ id: string }>;" in page
    assert 'export const metadata: Metadata = { title: "Lead detail" };' in page


def test_page_on_a_dynamic_route_with_an_entity_shows_that_one_item(tmp_path):
    scaffold(
        tmp_path,
        type="component",
        name="campaign-detail",
        kind="page",
        route="campaigns/[id]",
        entity="campaign",
        fields="name:str budget:int?",
    )

    view = (tmp_path / "frontend/src/app/campaigns/[id]/view.tsx").read_text()
    assert "useCampaign(id)" in view
    assert "useCampaigns(" not in view
    test = (tmp_path / "frontend/src/app/campaigns/[id]/page.test.tsx").read_text()
    assert 'vi.mock("@/hooks/useCampaigns", () => ({ useCampaign: vi.fn() }));' in test
    assert "expect(useCampaign).toHaveBeenCalledWith(PARAMS.id);" in test


def test_page_showing_a_resource_gets_a_typed_hook(tmp_path):
    scaffold(
        tmp_path,
        type="component",
        name="campaigns-list",
        kind="page",
        route="campaigns",
        entity="campaign",
        fields="name:str budget:int?",
    )

    files = written(tmp_path)
    assert "frontend/src/lib/resources/campaign.ts" in files
    assert "frontend/src/hooks/useCampaigns.ts" in files
    assert "frontend/src/hooks/useCampaigns.test.tsx" in files
    # The schemas in a module of their own, loaded when first needed (not in a page's first load).
    loaders = (tmp_path / "frontend/src/lib/resources/campaign.ts").read_text()
    assert "zod" not in loaders
    assert 'const schemas = () => import("./campaign.schema");\n' in loaders
    resource = (tmp_path / "frontend/src/lib/resources/campaign.schema.ts").read_text()
    bounded = "z.int().check(z.minimum(-2147483648), z.maximum(2147483647))"
    assert f"  budget: z.nullable({bounded}),\n" in resource
    hook = (tmp_path / "frontend/src/hooks/useCampaigns.ts").read_text()
    assert "    [CAMPAIGNS_PATH, client.tenant(), query],\n" in hook
    assert "    swrOptions,\n" in hook
    page_schema = "CampaignPageSchema = z.object({\n  items: z.array(CampaignSchema),\n"
    assert page_schema in resource


def test_fix_unit_places_a_regression_test_skeleton_in_the_backend(tmp_path):
    scaffold(tmp_path, type="fix", name="celery-startup", target="app.core.celery_app")

    skeleton = "backend/tests/test_regression_celery_startup.py"
    assert written(tmp_path) == sorted([*core("fix", "celery-startup"), skeleton])
    text = (tmp_path / skeleton).read_text()
    assert "# REGRESSION-TEST-NOT-WRITTEN fix-celery-startup" in text
    assert "pytest.fail(GUIDANCE, pytrace=False)" in text
    log = (tmp_path / data.log_path("fix", DATE, "celery-startup")).read_text()
    assert "## Cause\n" in log
    assert "## Solution\n" in log


def test_fix_unit_in_the_frontend_goes_next_to_its_component(tmp_path):
    scaffold(tmp_path, type="fix", name="card-click", area="frontend", target="LeadCard")

    assert "frontend/src/components/LeadCard/LeadCard.card-click.test.tsx" in written(tmp_path)


@pytest.mark.parametrize(
    ("kind", "target", "path"),
    [
        ("unit-service", "campaign", "backend/tests/test_checks.py"),
        ("unit-agent", "bant-qualifier", "backend/tests/test_checks.py"),
        ("integration-api", "campaign", "backend/tests/test_checks.py"),
        ("integration-db", "lead-score", "backend/tests/test_checks.py"),
        ("component", "lead-card", "frontend/src/components/LeadCard/LeadCard.checks.test.tsx"),
        ("e2e", "leads/[id]", "frontend/tests/e2e/checks.spec.ts"),
    ],
)
def test_test_unit_writes_its_kind_of_test_at_the_conventional_path(tmp_path, kind, target, path):
    scaffold(tmp_path, type="test", name="checks", test_kind=kind, target=target)

    plan = "docs/tech/DOC-TECH-006_TEST_PLAN.md"
    assert written(tmp_path) == sorted([*core("test", "checks", plan), path])
    target_text = data.coverage_text("test", "fr", kind)
    log = (tmp_path / data.log_path("test", DATE, "checks")).read_text()
    if target_text:
        assert f"- [ ] Coverage atteint (cible : {target_text})" in log
    assert f"### checks — {kind} de `{target}`" in (tmp_path / plan).read_text()


FEATURE = {
    "type": "feature",
    "name": "campaign-wizard",
    "entity": "campaign",
    "fields": "name:str budget:int? starts_at:datetime",
}
FEATURE_FRONTEND = [
    "frontend/src/app/campaigns/[id]/edit/page.test.tsx",
    "frontend/src/app/campaigns/[id]/edit/page.tsx",
    "frontend/src/app/campaigns/[id]/edit/view.tsx",
    "frontend/src/app/campaigns/[id]/page.test.tsx",
    "frontend/src/app/campaigns/[id]/page.tsx",
    "frontend/src/app/campaigns/[id]/view.tsx",
    "frontend/src/app/campaigns/new/page.test.tsx",
    "frontend/src/app/campaigns/new/page.tsx",
    "frontend/src/app/campaigns/new/view.tsx",
    "frontend/src/app/campaigns/page.test.tsx",
    "frontend/src/app/campaigns/page.tsx",
    "frontend/src/app/campaigns/view.tsx",
    "frontend/src/components/CampaignForm/CampaignForm.test.tsx",
    "frontend/src/components/CampaignForm/CampaignForm.tsx",
    "frontend/src/components/CampaignForm/index.ts",
    "frontend/src/components/CampaignList/CampaignList.test.tsx",
    "frontend/src/components/CampaignList/CampaignList.tsx",
    "frontend/src/components/CampaignList/index.ts",
    "frontend/src/features/campaigns.json",
    "frontend/src/hooks/useCampaigns.test.tsx",
    "frontend/src/hooks/useCampaigns.ts",
    "frontend/src/lib/resources/campaign.schema.ts",
    "frontend/src/lib/resources/campaign.test.ts",
    "frontend/src/lib/resources/campaign.ts",
    "frontend/tests/e2e/campaign-wizard.spec.ts",
]
SPECS = "docs/specs/REALISATION_TECHNIQUE.md"


def test_feature_writes_the_whole_slice(tmp_path):
    scaffold(tmp_path, **FEATURE)

    revision = unit_model.revision_id("feature", "campaign-wizard", DATE)
    assert written(tmp_path) == sorted(
        core("feature", "campaign-wizard", SPECS, *API_DOCS)
        + resource_files("campaign", "campaigns", revision)
        + FEATURE_FRONTEND
    )


def test_feature_log_ticks_what_the_scaffold_did_in_the_five_stages(tmp_path):
    scaffold(tmp_path, **FEATURE)

    log = (tmp_path / data.log_path("feature", DATE, "campaign-wizard")).read_text()
    for stage in ["Analyse & Design", "Backend", "Frontend", "Intégration", "Documentation"]:
        assert f". {stage}\n" in log
    assert "- [x] Créer les endpoints API\n" in log
    assert "- [x] Créer les composants UI\n" in log
    assert "- [x] Écrire tests E2E (si applicable)\n" in log
    assert "- [ ] Tester le flow complet\n" in log


def test_backend_only_feature(tmp_path):
    scaffold(tmp_path, **FEATURE, frontend=False)

    files = written(tmp_path)
    assert "backend/app/api/v1/endpoints/campaigns.py" in files
    assert not [path for path in files if path.startswith("frontend/")]


def test_frontend_only_feature(tmp_path):
    scaffold(tmp_path, **FEATURE, backend=False)

    files = written(tmp_path)
    assert sorted(path for path in files if path.startswith("frontend/")) == FEATURE_FRONTEND
    assert not [path for path in files if path.startswith("backend/")]


def empty_folders(root):
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_dir() and ".git" not in path.parts and not any(path.iterdir())
    }


def test_units_leave_no_empty_folder_in_a_project(tmp_path):
    project = tmp_path / "vectra"
    scaffold(project, type="project", name="vectra")
    before = empty_folders(project)
    units = [
        {"type": "feature", "name": "campaign-wizard", "entity": "campaign"},
        {"type": "component", "name": "lead-card"},
        {"type": "component", "name": "lead-detail", "kind": "page", "route": "leads/[id]"},
        {"type": "api", "name": "leads-api"},
        {"type": "agent", "name": "bant-qualifier"},
        {"type": "database", "name": "add-lead-enrichment"},
        {"type": "fix", "name": "celery-startup", "area": "frontend", "target": "LeadCard"},
        {"type": "test", "name": "lead-http", "test_kind": "integration-api", "target": "lead"},
    ]
    for unit in units:
        scaffold(project, **unit)

    assert empty_folders(project) == before

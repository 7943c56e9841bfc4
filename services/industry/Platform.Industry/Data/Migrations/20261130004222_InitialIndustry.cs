using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Industry.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialIndustry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotent_requests",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotent_requests", x => new { x.client_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "income_records",
                columns: table => new
                {
                    source_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    counts_toward_exit = table.Column<bool>(type: "boolean", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reports = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_income_records", x => x.source_record_id);
                });

            migrationBuilder.CreateTable(
                name: "job_matching_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    site_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    moved_in_on = table.Column<DateOnly>(type: "date", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_matching_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_entities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    industry = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    model = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    workshop_site = table.Column<int>(type: "integer", nullable: true),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    site_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    founded_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_entities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "member_skills",
                columns: table => new
                {
                    enrolment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    course_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    certificate = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_skills", x => x.enrolment_id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    partition_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    audience = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    trace_parent = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dead_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "replica_households",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    status_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    moved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    known_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replica_households", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_list_entries",
                columns: table => new
                {
                    flag_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    trigger = table.Column<int>(type: "integer", nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    removed_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_list_entries", x => x.flag_id);
                });

            migrationBuilder.CreateTable(
                name: "consumption_sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    buyer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sold_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consumption_sales", x => x.id);
                    table.ForeignKey(
                        name: "fk_consumption_sales_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "market_entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "industry_bases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    industry = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    area_mu = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    head = table.Column<long>(type: "bigint", nullable: true),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    model = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_industry_bases", x => x.id);
                    table.ForeignKey(
                        name: "fk_industry_bases_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "market_entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "replica_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    sex = table.Column<int>(type: "integer", nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    relation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    health = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    disability_grade = table.Column<int>(type: "integer", nullable: true),
                    labour_ability = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    schooling_status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    left_reason = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replica_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_replica_members_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sale_shares",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sale_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_shares", x => x.id);
                    table.ForeignKey(
                        name: "fk_sale_shares_consumption_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "consumption_sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sale_shares_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "benefit_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    base_id = table.Column<Guid>(type: "uuid", nullable: true),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_benefit_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_benefit_links_bases_base_id",
                        column: x => x.base_id,
                        principalTable: "industry_bases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_benefit_links_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "market_entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_benefit_links_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_benefit_links_replica_members_member_id",
                        column: x => x.member_id,
                        principalTable: "replica_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "employment_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    workshop_id = table.Column<Guid>(type: "uuid", nullable: true),
                    employer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    employer_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    destination = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    destination_scope = table.Column<int>(type: "integer", nullable: true),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    monthly_wage = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employment_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_employment_records_entities_workshop_id",
                        column: x => x.workshop_id,
                        principalTable: "market_entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_employment_records_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_employment_records_replica_members_member_id",
                        column: x => x.member_id,
                        principalTable: "replica_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "industry_projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    industry = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    model = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scale = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    policy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subsidy = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_industry_projects", x => x.id);
                    table.ForeignKey(
                        name: "fk_industry_projects_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_industry_projects_replica_members_member_id",
                        column: x => x.member_id,
                        principalTable: "replica_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "link_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    link_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_link_payments_benefit_links_link_id",
                        column: x => x.link_id,
                        principalTable: "benefit_links",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_benefit_links_base_id",
                table: "benefit_links",
                column: "base_id");

            migrationBuilder.CreateIndex(
                name: "ix_benefit_links_household_id",
                table: "benefit_links",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_benefit_links_member_id",
                table: "benefit_links",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ux_benefit_links_open",
                table: "benefit_links",
                columns: new[] { "entity_id", "household_id", "kind" },
                unique: true,
                filter: "ended_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_consumption_sales_entity_id",
                table: "consumption_sales",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_consumption_sales_sold_on",
                table: "consumption_sales",
                column: "sold_on");

            migrationBuilder.CreateIndex(
                name: "ix_employment_records_household_id",
                table: "employment_records",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_employment_records_kind_year",
                table: "employment_records",
                columns: new[] { "kind", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_employment_records_member_id_kind_employer_key_year",
                table: "employment_records",
                columns: new[] { "member_id", "kind", "employer_key", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_employment_records_workshop_id",
                table: "employment_records",
                column: "workshop_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_income_records_household_id",
                table: "income_records",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_income_records_kind_year",
                table: "income_records",
                columns: new[] { "kind", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_industry_bases_code",
                table: "industry_bases",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_industry_bases_entity_id",
                table: "industry_bases",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_industry_bases_township_code_village_code",
                table: "industry_bases",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_industry_projects_household_id_policy_year",
                table: "industry_projects",
                columns: new[] { "household_id", "policy", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_industry_projects_member_id",
                table: "industry_projects",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_job_matching_tasks_case_id",
                table: "job_matching_tasks",
                column: "case_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_job_matching_tasks_household_id",
                table: "job_matching_tasks",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_link_payments_household_id",
                table: "link_payments",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_link_payments_link_id_reference",
                table: "link_payments",
                columns: new[] { "link_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_entities_code",
                table: "market_entities",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_entities_kind_site_id",
                table: "market_entities",
                columns: new[] { "kind", "site_id" });

            migrationBuilder.CreateIndex(
                name: "ix_market_entities_township_code_village_code",
                table: "market_entities",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_member_skills_household_id",
                table: "member_skills",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_member_skills_member_id",
                table: "member_skills",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_dead_at",
                table: "outbox_messages",
                column: "dead_at",
                filter: "dead_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sent_at",
                table: "outbox_messages",
                column: "sent_at",
                filter: "sent_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unsent",
                table: "outbox_messages",
                column: "sequence",
                filter: "sent_at IS NULL AND dead_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_waiting",
                table: "outbox_messages",
                column: "next_attempt_at",
                filter: "sent_at IS NULL AND dead_at IS NULL AND next_attempt_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_replica_households_township_code_village_code",
                table: "replica_households",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_replica_members_household_id",
                table: "replica_members",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_replica_members_id_number",
                table: "replica_members",
                column: "id_number");

            migrationBuilder.CreateIndex(
                name: "ix_replica_members_township_code_village_code",
                table: "replica_members",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_sale_shares_household_id",
                table: "sale_shares",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_sale_shares_sale_id_household_id",
                table: "sale_shares",
                columns: new[] { "sale_id", "household_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_list_entries_household_id",
                table: "work_list_entries",
                column: "household_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "employment_records");

            migrationBuilder.DropTable(
                name: "idempotent_requests");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "income_records");

            migrationBuilder.DropTable(
                name: "industry_projects");

            migrationBuilder.DropTable(
                name: "job_matching_tasks");

            migrationBuilder.DropTable(
                name: "link_payments");

            migrationBuilder.DropTable(
                name: "member_skills");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "sale_shares");

            migrationBuilder.DropTable(
                name: "work_list_entries");

            migrationBuilder.DropTable(
                name: "benefit_links");

            migrationBuilder.DropTable(
                name: "consumption_sales");

            migrationBuilder.DropTable(
                name: "industry_bases");

            migrationBuilder.DropTable(
                name: "replica_members");

            migrationBuilder.DropTable(
                name: "market_entities");

            migrationBuilder.DropTable(
                name: "replica_households");
        }
    }
}

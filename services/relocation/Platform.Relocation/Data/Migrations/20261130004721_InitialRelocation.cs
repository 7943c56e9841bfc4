using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Relocation.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialRelocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appraisals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    owner_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    grade = table.Column<int>(type: "integer", nullable: false),
                    appraised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    agency = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    report_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appraisals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guarantees",
                columns: table => new
                {
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guarantee = table.Column<int>(type: "integer", nullable: false),
                    met = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    source_record_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    assessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guarantees", x => new { x.household_id, x.guarantee });
                });

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
                name: "renovations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    owner_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    project_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    programme = table.Column<int>(type: "integer", nullable: false),
                    method = table.Column<int>(type: "integer", nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    accepted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    accepted_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_renovations", x => x.id);
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
                name: "sites",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    mode = table.Column<int>(type: "integer", nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    capacity_households = table.Column<int>(type: "integer", nullable: false),
                    allocated_households = table.Column<int>(type: "integer", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subsidies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    source_record_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "toilets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    owner_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_toilets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "water_projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    served_villages = table.Column<List<string>>(type: "text[]", nullable: false),
                    litres_per_person_per_day = table.Column<int>(type: "integer", nullable: false),
                    round_trip_minutes = table.Column<int>(type: "integer", nullable: false),
                    guarantee_rate_percent = table.Column<int>(type: "integer", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    latest_test_id = table.Column<Guid>(type: "uuid", nullable: true),
                    latest_test_on = table.Column<DateOnly>(type: "date", nullable: true),
                    latest_test_passed = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_water_projects", x => x.id);
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
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    mode = table.Column<int>(type: "integer", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    origin_village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    destination_village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    planned_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    allocated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    allocated_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    housing_unit = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    floor_area = table.Column<int>(type: "integer", nullable: true),
                    moved_in_on = table.Column<DateOnly>(type: "date", nullable: true),
                    moved_in_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    people = table.Column<int>(type: "integer", nullable: true),
                    demolished_on = table.Column<DateOnly>(type: "date", nullable: true),
                    demolished_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    reclaimed_mu = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_cases_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "site_facilities",
                columns: table => new
                {
                    site_id = table.Column<Guid>(type: "uuid", nullable: false),
                    facility = table.Column<int>(type: "integer", nullable: false),
                    in_place_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_site_facilities", x => new { x.site_id, x.facility });
                    table.ForeignKey(
                        name: "fk_site_facilities_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "water_project_households",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_water_project_households", x => new { x.project_id, x.household_id });
                    table.ForeignKey(
                        name: "fk_water_project_households_water_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "water_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "water_tests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sampled_on = table.Column<DateOnly>(type: "date", nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    failed_indicators = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    laboratory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    report_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_water_tests", x => x.id);
                    table.ForeignKey(
                        name: "fk_water_tests_water_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "water_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appraisals_household_id",
                table: "appraisals",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_appraisals_owner_id_number",
                table: "appraisals",
                column: "owner_id_number");

            migrationBuilder.CreateIndex(
                name: "ix_appraisals_report_number",
                table: "appraisals",
                column: "report_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appraisals_township_code_village_code",
                table: "appraisals",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_household_id",
                table: "cases",
                column: "household_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_site_id",
                table: "cases",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_township_code_village_code",
                table: "cases",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_guarantees_guarantee_met",
                table: "guarantees",
                columns: new[] { "guarantee", "met" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");

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
                name: "ix_renovations_household_id",
                table: "renovations",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_renovations_owner_id_number",
                table: "renovations",
                column: "owner_id_number");

            migrationBuilder.CreateIndex(
                name: "ix_renovations_project_number",
                table: "renovations",
                column: "project_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_renovations_township_code_village_code",
                table: "renovations",
                columns: new[] { "township_code", "village_code" });

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
                name: "ix_sites_code",
                table: "sites",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sites_township_code_village_code",
                table: "sites",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_subsidies_household_id",
                table: "subsidies",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_subsidies_source_record_id",
                table: "subsidies",
                column: "source_record_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_toilets_household_id",
                table: "toilets",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_toilets_township_code_village_code",
                table: "toilets",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ux_toilets_owner",
                table: "toilets",
                column: "owner_id_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_water_project_households_household_id",
                table: "water_project_households",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_water_projects_code",
                table: "water_projects",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_water_projects_served_villages",
                table: "water_projects",
                column: "served_villages")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_water_projects_township_code_village_code",
                table: "water_projects",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_water_tests_project_id",
                table: "water_tests",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_water_tests_report_number",
                table: "water_tests",
                column: "report_number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appraisals");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "guarantees");

            migrationBuilder.DropTable(
                name: "idempotent_requests");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "renovations");

            migrationBuilder.DropTable(
                name: "replica_members");

            migrationBuilder.DropTable(
                name: "site_facilities");

            migrationBuilder.DropTable(
                name: "subsidies");

            migrationBuilder.DropTable(
                name: "toilets");

            migrationBuilder.DropTable(
                name: "water_project_households");

            migrationBuilder.DropTable(
                name: "water_tests");

            migrationBuilder.DropTable(
                name: "replica_households");

            migrationBuilder.DropTable(
                name: "sites");

            migrationBuilder.DropTable(
                name: "water_projects");
        }
    }
}

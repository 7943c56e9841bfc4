using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Households.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExitMonitoringInspection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "exit_year",
                table: "villages",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "joined_on",
                table: "members",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "first_exit_year",
                table: "households",
                type: "integer",
                nullable: true);

            // Existing rows: a member registered with the household counts from the start of its
            // registration year (or birth); others from the day they were added. Exit years already
            // recorded are the first ones.
            migrationBuilder.Sql("""
                UPDATE members m SET joined_on = GREATEST(m.birth_date, CASE
                    WHEN m.addition_reason = 0 THEN make_date(h.registered_year, 1, 1)
                    WHEN m.addition_reason = 1 THEN m.birth_date
                    ELSE (m.added_at AT TIME ZONE 'Asia/Shanghai')::date END)
                FROM households h WHERE h.id = m.household_id;
                UPDATE households SET first_exit_year = exit_year WHERE exit_year IS NOT NULL;
                """);

            migrationBuilder.CreateTable(
                name: "assistance_measures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    flag_id = table.Column<Guid>(type: "uuid", nullable: true),
                    category = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assistance_measures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cadres",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    work_unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    external_ref = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cadres", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "county_statistics",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    rural_per_capita_disposable_income = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_statistics", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "exit_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reviewed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_from = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_until = table.Column<DateOnly>(type: "date", nullable: true),
                    announced_on = table.Column<DateOnly>(type: "date", nullable: true),
                    exited_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_batches_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "household_profiles",
                columns: table => new
                {
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    data_broadcast_tv = table.Column<bool>(type: "boolean", nullable: false),
                    data_cooperative_member = table.Column<bool>(type: "boolean", nullable: false),
                    data_cultivated_land = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    data_dangerous_house = table.Column<bool>(type: "boolean", nullable: false),
                    data_distance_to_road_km = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    data_electricity = table.Column<bool>(type: "boolean", nullable: false),
                    data_forest_land = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    data_fuel = table.Column<int>(type: "integer", nullable: false),
                    data_house_area = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    data_linked_to_lead_enterprise = table.Column<bool>(type: "boolean", nullable: false),
                    data_orchard = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    data_returned_farmland = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    data_safe_drinking_water = table.Column<bool>(type: "boolean", nullable: false),
                    data_sanitary_toilet = table.Column<bool>(type: "boolean", nullable: false),
                    data_type = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_profiles", x => x.household_id);
                    table.ForeignKey(
                        name: "fk_household_profiles_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    inspection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    visited_on = table.Column<DateOnly>(type: "date", nullable: false),
                    inspector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    wrongly_exited = table.Column<bool>(type: "boolean", nullable: false),
                    approves = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_visits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    seed = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    poor_villages = table.Column<int>(type: "integer", nullable: false),
                    other_villages = table.Column<int>(type: "integer", nullable: false),
                    households_per_village = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "member_profiles",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    data_critical_illness_insurance = table.Column<bool>(type: "boolean", nullable: false),
                    data_education = table.Column<int>(type: "integer", nullable: false),
                    data_months_worked = table.Column<int>(type: "integer", nullable: false),
                    data_pension = table.Column<bool>(type: "boolean", nullable: false),
                    data_public_welfare_post_months = table.Column<int>(type: "integer", nullable: false),
                    data_resident_medical_insurance = table.Column<bool>(type: "boolean", nullable: false),
                    data_skill = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    data_welfare = table.Column<int>(type: "integer", nullable: false),
                    data_work_place = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_profiles", x => x.member_id);
                    table.ForeignKey(
                        name: "fk_member_profiles_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "missed_poor_findings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    inspection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<int>(type: "integer", nullable: false),
                    visited_on = table.Column<DateOnly>(type: "date", nullable: false),
                    inspector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_missed_poor_findings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    trigger = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    raised_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stable_since = table.Column<DateOnly>(type: "date", nullable: true),
                    cause_resolved = table.Column<bool>(type: "boolean", nullable: false),
                    last_reviewed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    removed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    removed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    removal_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_flags", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitoring_flags_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_signals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    flag_id = table.Column<Guid>(type: "uuid", nullable: true),
                    trigger = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: true),
                    source_record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    expense_kind = table.Column<int>(type: "integer", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    above_threshold = table.Column<bool>(type: "boolean", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_signals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "village_exits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    poor_people = table.Column<int>(type: "integer", nullable: true),
                    rural_population = table.Column<int>(type: "integer", nullable: true),
                    poverty_incidence = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: true),
                    conditions = table.Column<string>(type: "jsonb", nullable: true),
                    notice_from = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_until = table.Column<DateOnly>(type: "date", nullable: true),
                    exited_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_village_exits", x => x.id);
                    table.ForeignKey(
                        name: "fk_village_exits_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "work_teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<int>(type: "integer", nullable: false),
                    sending_unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_teams", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_teams_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pairings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cadre_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pairings", x => x.id);
                    table.ForeignKey(
                        name: "fk_pairings_cadres_cadre_id",
                        column: x => x.cadre_id,
                        principalTable: "cadres",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pairings_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exit_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false),
                    return_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_cases_exit_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "exit_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_exit_cases_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exit_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    step = table.Column<int>(type: "integer", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    verdict = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_steps_exit_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "exit_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_samples",
                columns: table => new
                {
                    inspection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<int>(type: "integer", nullable: false),
                    status_at_draw = table.Column<int>(type: "integer", nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_samples", x => new { x.inspection_id, x.household_id });
                    table.ForeignKey(
                        name: "fk_inspection_samples_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspection_samples_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_villages",
                columns: table => new
                {
                    inspection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<int>(type: "integer", nullable: false),
                    rural_population = table.Column<int>(type: "integer", nullable: false),
                    registered_people = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_villages", x => new { x.inspection_id, x.village_id });
                    table.ForeignKey(
                        name: "fk_inspection_villages_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_review",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    flag_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    per_capita_income = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    monitoring_line = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    cause_resolved = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_review", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitoring_review_monitoring_flags_flag_id",
                        column: x => x.flag_id,
                        principalTable: "monitoring_flags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "village_exit_step",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    exit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_village_exit_step", x => x.id);
                    table.ForeignKey(
                        name: "fk_village_exit_step_village_exits_exit_id",
                        column: x => x.exit_id,
                        principalTable: "village_exits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_team_member",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cadre_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<int>(type: "integer", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_team_member", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_team_member_cadres_cadre_id",
                        column: x => x.cadre_id,
                        principalTable: "cadres",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_work_team_member_work_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "work_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exit_objection",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    raised_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    resolved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    upheld = table.Column<bool>(type: "boolean", nullable: true),
                    resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_objection", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_objection_exit_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "exit_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assistance_measures_household_id",
                table: "assistance_measures",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_cadres_external_ref",
                table: "cadres",
                column: "external_ref",
                unique: true,
                filter: "external_ref IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_exit_batches_village_id_year_name",
                table: "exit_batches",
                columns: new[] { "village_id", "year", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exit_cases_batch_id",
                table: "exit_cases",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_exit_cases_household_id_state",
                table: "exit_cases",
                columns: new[] { "household_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ux_exit_cases_open_household",
                table: "exit_cases",
                column: "household_id",
                unique: true,
                filter: "state < 6");

            migrationBuilder.CreateIndex(
                name: "ix_exit_objection_case_id",
                table: "exit_objection",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_exit_steps_batch_id",
                table: "exit_steps",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_exit_steps_case_id",
                table: "exit_steps",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_samples_household_id",
                table: "inspection_samples",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_visits_inspection_id_household_id",
                table: "inspection_visits",
                columns: new[] { "inspection_id", "household_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspections_name",
                table: "inspections",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_member_profiles_household_id",
                table: "member_profiles",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_missed_poor_findings_inspection_id",
                table: "missed_poor_findings",
                column: "inspection_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_flags_category_removed_on",
                table: "monitoring_flags",
                columns: new[] { "category", "removed_on" });

            migrationBuilder.CreateIndex(
                name: "ux_monitoring_flags_open_household",
                table: "monitoring_flags",
                column: "household_id",
                unique: true,
                filter: "removed_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_review_flag_id",
                table: "monitoring_review",
                column: "flag_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_signals_household_id",
                table: "monitoring_signals",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_signals_source_source_record_id",
                table: "monitoring_signals",
                columns: new[] { "source", "source_record_id" },
                unique: true,
                filter: "source_record_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_pairings_cadre_id_household_id",
                table: "pairings",
                columns: new[] { "cadre_id", "household_id" },
                unique: true,
                filter: "\"to\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_pairings_household_id",
                table: "pairings",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_village_exit_step_exit_id",
                table: "village_exit_step",
                column: "exit_id");

            migrationBuilder.CreateIndex(
                name: "ux_village_exits_open_village",
                table: "village_exits",
                column: "village_id",
                unique: true,
                filter: "state < 3");

            migrationBuilder.CreateIndex(
                name: "ix_work_team_member_team_id",
                table: "work_team_member",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ux_work_team_members_current_cadre",
                table: "work_team_member",
                column: "cadre_id",
                unique: true,
                filter: "\"to\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_work_teams_current_village",
                table: "work_teams",
                column: "village_id",
                unique: true,
                filter: "\"to\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assistance_measures");

            migrationBuilder.DropTable(
                name: "county_statistics");

            migrationBuilder.DropTable(
                name: "exit_objection");

            migrationBuilder.DropTable(
                name: "exit_steps");

            migrationBuilder.DropTable(
                name: "household_profiles");

            migrationBuilder.DropTable(
                name: "inspection_samples");

            migrationBuilder.DropTable(
                name: "inspection_villages");

            migrationBuilder.DropTable(
                name: "inspection_visits");

            migrationBuilder.DropTable(
                name: "member_profiles");

            migrationBuilder.DropTable(
                name: "missed_poor_findings");

            migrationBuilder.DropTable(
                name: "monitoring_review");

            migrationBuilder.DropTable(
                name: "monitoring_signals");

            migrationBuilder.DropTable(
                name: "pairings");

            migrationBuilder.DropTable(
                name: "village_exit_step");

            migrationBuilder.DropTable(
                name: "work_team_member");

            migrationBuilder.DropTable(
                name: "exit_cases");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "monitoring_flags");

            migrationBuilder.DropTable(
                name: "village_exits");

            migrationBuilder.DropTable(
                name: "cadres");

            migrationBuilder.DropTable(
                name: "work_teams");

            migrationBuilder.DropTable(
                name: "exit_batches");

            migrationBuilder.DropColumn(
                name: "exit_year",
                table: "villages");

            migrationBuilder.DropColumn(
                name: "joined_on",
                table: "members");

            migrationBuilder.DropColumn(
                name: "first_exit_year",
                table: "households");
        }
    }
}

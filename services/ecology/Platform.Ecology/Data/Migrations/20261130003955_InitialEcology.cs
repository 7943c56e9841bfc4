using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Ecology.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialEcology : Migration
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
                name: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    crop = table.Column<int>(type: "integer", nullable: true),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    area_mu = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ranger_quotas",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    posts = table.Column<int>(type: "integer", nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ranger_quotas", x => new { x.year, x.township_code });
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
                name: "compensation_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payee_member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    area_mu = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    rate_per_mu = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_compensation_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_compensation_payments_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_households",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_households", x => new { x.project_id, x.household_id });
                    table.ForeignKey(
                        name: "fk_project_households_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_project_households_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_incomes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_incomes", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_incomes_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_project_incomes_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
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
                name: "ranger_posts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    patrol_area = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    area_mu = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    annual_pay = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    selected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    selected_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<int>(type: "integer", nullable: true),
                    end_note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ended_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    grade = table.Column<int>(type: "integer", nullable: true),
                    assessed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    assessment_note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    assessed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ranger_posts", x => x.id);
                    table.ForeignKey(
                        name: "fk_ranger_posts_replica_households_household_id",
                        column: x => x.household_id,
                        principalTable: "replica_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ranger_posts_replica_members_member_id",
                        column: x => x.member_id,
                        principalTable: "replica_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "patrols",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    patrolled_on = table.Column<DateOnly>(type: "date", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: true),
                    distance_km = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: true),
                    findings = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patrols", x => x.id);
                    table.ForeignKey(
                        name: "fk_patrols_ranger_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "ranger_posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ranger_pay",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ranger_pay", x => x.id);
                    table.ForeignKey(
                        name: "fk_ranger_pay_ranger_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "ranger_posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_compensation_payments_household_id_kind_year",
                table: "compensation_payments",
                columns: new[] { "household_id", "kind", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_compensation_payments_year_kind",
                table: "compensation_payments",
                columns: new[] { "year", "kind" });

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
                name: "ix_patrols_post_id_patrolled_on",
                table: "patrols",
                columns: new[] { "post_id", "patrolled_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_households_household_id",
                table: "project_households",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_incomes_household_id",
                table: "project_incomes",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_incomes_project_id_household_id_kind_year",
                table: "project_incomes",
                columns: new[] { "project_id", "household_id", "kind", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_projects_township_code_village_code",
                table: "projects",
                columns: new[] { "township_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_projects_village_code_name",
                table: "projects",
                columns: new[] { "village_code", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ranger_pay_household_id",
                table: "ranger_pay",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_ranger_pay_post_id",
                table: "ranger_pay",
                column: "post_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ranger_posts_household_id_year",
                table: "ranger_posts",
                columns: new[] { "household_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_ranger_posts_member_id_year",
                table: "ranger_posts",
                columns: new[] { "member_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ranger_posts_year_township_code_village_code",
                table: "ranger_posts",
                columns: new[] { "year", "township_code", "village_code" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "compensation_payments");

            migrationBuilder.DropTable(
                name: "idempotent_requests");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "patrols");

            migrationBuilder.DropTable(
                name: "project_households");

            migrationBuilder.DropTable(
                name: "project_incomes");

            migrationBuilder.DropTable(
                name: "ranger_pay");

            migrationBuilder.DropTable(
                name: "ranger_quotas");

            migrationBuilder.DropTable(
                name: "projects");

            migrationBuilder.DropTable(
                name: "ranger_posts");

            migrationBuilder.DropTable(
                name: "replica_members");

            migrationBuilder.DropTable(
                name: "replica_households");
        }
    }
}

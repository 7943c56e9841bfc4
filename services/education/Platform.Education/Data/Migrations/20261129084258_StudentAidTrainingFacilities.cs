using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Education.Data.Migrations
{
    /// <inheritdoc />
    public partial class StudentAidTrainingFacilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "boarding",
                table: "students",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "status",
                table: "households",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "status_changed_at",
                table: "households",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "aid_grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy = table.Column<int>(type: "integer", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    term = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    counts_toward_exit = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    granted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aid_grants", x => x.id);
                    table.ForeignKey(
                        name: "fk_aid_grants_students_student_id",
                        column: x => x.student_id,
                        principalTable: "students",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "facilities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    served_villages = table.Column<List<string>>(type: "text[]", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: true),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_facilities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "household_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    sex = table.Column<int>(type: "integer", nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "training_courses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    trade = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    organiser = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_courses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "training_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    enrolled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    certificate = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    completion_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_enrolments", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_enrolments_household_members_member_id",
                        column: x => x.member_id,
                        principalTable: "household_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_training_enrolments_training_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "training_courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_aid_grants_household_id",
                table: "aid_grants",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_aid_grants_student_id",
                table: "aid_grants",
                column: "student_id");

            migrationBuilder.CreateIndex(
                name: "ix_aid_grants_term_policy",
                table: "aid_grants",
                columns: new[] { "term", "policy" });

            migrationBuilder.CreateIndex(
                name: "ux_aid_grants_policy_student_term",
                table: "aid_grants",
                columns: new[] { "policy", "student_id", "term" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_facilities_township_code",
                table: "facilities",
                column: "township_code");

            migrationBuilder.CreateIndex(
                name: "ux_facilities_kind_village_name",
                table: "facilities",
                columns: new[] { "kind", "village_code", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_household_members_household_id",
                table: "household_members",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ux_household_members_current_id_number",
                table: "household_members",
                column: "id_number",
                unique: true,
                filter: "left_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_training_courses_township_code_name_starts_on",
                table: "training_courses",
                columns: new[] { "township_code", "name", "starts_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_enrolments_household_id",
                table: "training_enrolments",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_enrolments_member_id",
                table: "training_enrolments",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_enrolments_village_code",
                table: "training_enrolments",
                column: "village_code");

            migrationBuilder.CreateIndex(
                name: "ux_training_enrolments_course_member",
                table: "training_enrolments",
                columns: new[] { "course_id", "member_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aid_grants");

            migrationBuilder.DropTable(
                name: "facilities");

            migrationBuilder.DropTable(
                name: "training_enrolments");

            migrationBuilder.DropTable(
                name: "household_members");

            migrationBuilder.DropTable(
                name: "training_courses");

            migrationBuilder.DropColumn(
                name: "boarding",
                table: "students");

            migrationBuilder.DropColumn(
                name: "status",
                table: "households");

            migrationBuilder.DropColumn(
                name: "status_changed_at",
                table: "households");
        }
    }
}

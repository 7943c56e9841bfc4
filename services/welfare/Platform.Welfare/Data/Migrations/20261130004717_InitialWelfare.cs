using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Welfare.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialWelfare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assistance_applications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    requested_category = table.Column<int>(type: "integer", nullable: true),
                    category = table.Column<int>(type: "integer", nullable: true),
                    approved = table.Column<bool>(type: "boolean", nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false),
                    annual_income = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    per_capita_income = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    standard = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    enrolment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    applied_on = table.Column<DateOnly>(type: "date", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assistance_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "assistance_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false),
                    monthly_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    per_capita_income = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    start_month = table.Column<DateOnly>(type: "date", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enrolled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assistance_enrolments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "chronic_certificates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    disease = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    serious = table.Column<bool>(type: "boolean", nullable: false),
                    certificate_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    issuer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    revoked_on = table.Column<DateOnly>(type: "date", nullable: true),
                    revoke_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chronic_certificates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disability_assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: true),
                    grade = table.Column<int>(type: "integer", nullable: true),
                    assessed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    assessor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disability_assessments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hospital_claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    settlement_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    in_county = table.Column<bool>(type: "boolean", nullable: false),
                    hospital = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    diagnosis = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    admitted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    discharged_on = table.Column<DateOnly>(type: "date", nullable: false),
                    total_cost = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    within_policy_cost = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    aid_class = table.Column<int>(type: "integer", nullable: false),
                    registered_poor = table.Column<bool>(type: "boolean", nullable: false),
                    basic_insurance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    critical_illness = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    medical_assistance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    supplementary = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    health_policy = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    health_policy_applies = table.Column<bool>(type: "boolean", nullable: false),
                    critical_illness_base = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    reimbursed = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    out_of_pocket = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    within_policy_out_of_pocket = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    large_expense_reported = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hospital_claims", x => x.id);
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
                name: "income_records",
                columns: table => new
                {
                    source = table.Column<int>(type: "integer", nullable: false),
                    source_record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    counts_toward_exit = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_income_records", x => new { x.source, x.source_record_id });
                });

            migrationBuilder.CreateTable(
                name: "insurance_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    resident_medical = table.Column<bool>(type: "boolean", nullable: false),
                    critical_illness = table.Column<bool>(type: "boolean", nullable: false),
                    premium = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    subsidy = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    subsidy_class = table.Column<int>(type: "integer", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_insurance_enrolments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "means_checks",
                columns: table => new
                {
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    verified_income = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    checked_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_means_checks", x => new { x.household_id, x.year });
                });

            migrationBuilder.CreateTable(
                name: "medical_guarantees",
                columns: table => new
                {
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    members = table.Column<int>(type: "integer", nullable: false),
                    covered = table.Column<int>(type: "integer", nullable: false),
                    met = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    assessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_medical_guarantees", x => x.household_id);
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
                name: "patient_years",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    claims = table.Column<int>(type: "integer", nullable: false),
                    basic_insurance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    critical_illness_base = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    critical_illness = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    medical_assistance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    supplementary = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    health_policy = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    health_policy_out_of_pocket = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_years", x => new { x.member_id, x.year });
                });

            migrationBuilder.CreateTable(
                name: "protection_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    insurer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    policy_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    premium_per_person = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    illness_sum = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    schooling_sum = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    disaster_sum = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protection_policies", x => x.id);
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
                name: "assistance_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enrolment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    paid_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assistance_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assistance_payments_assistance_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "assistance_enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "drug_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    certificate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    delivered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    drugs = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    delivered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_drug_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_drug_deliveries_chronic_certificates_certificate_id",
                        column: x => x.certificate_id,
                        principalTable: "chronic_certificates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_covers",
                columns: table => new
                {
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false),
                    premium = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    covered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protection_covers", x => new { x.policy_id, x.household_id });
                    table.ForeignKey(
                        name: "fk_protection_covers_protection_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "protection_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_payouts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    cause = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    incurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    claim_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    paid_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protection_payouts", x => x.id);
                    table.ForeignKey(
                        name: "fk_protection_payouts_protection_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "protection_policies",
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

            migrationBuilder.CreateIndex(
                name: "ix_assistance_applications_decided_at",
                table: "assistance_applications",
                column: "decided_at");

            migrationBuilder.CreateIndex(
                name: "ix_assistance_applications_household_id",
                table: "assistance_applications",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_assistance_enrolments_category_ended_on",
                table: "assistance_enrolments",
                columns: new[] { "category", "ended_on" });

            migrationBuilder.CreateIndex(
                name: "ux_assistance_enrolments_active_household",
                table: "assistance_enrolments",
                column: "household_id",
                unique: true,
                filter: "ended_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_assistance_payments_household_id_month",
                table: "assistance_payments",
                columns: new[] { "household_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_assistance_payments_month",
                table: "assistance_payments",
                column: "month");

            migrationBuilder.CreateIndex(
                name: "ux_assistance_payments_enrolment_month",
                table: "assistance_payments",
                columns: new[] { "enrolment_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chronic_certificates_household_id",
                table: "chronic_certificates",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ux_chronic_certificates_active_member_disease",
                table: "chronic_certificates",
                columns: new[] { "member_id", "disease" },
                unique: true,
                filter: "revoked_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_chronic_certificates_number",
                table: "chronic_certificates",
                column: "certificate_number",
                unique: true,
                filter: "certificate_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_disability_assessments_household_id",
                table: "disability_assessments",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_disability_assessments_member_id_assessed_on",
                table: "disability_assessments",
                columns: new[] { "member_id", "assessed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_drug_deliveries_certificate_id",
                table: "drug_deliveries",
                column: "certificate_id");

            migrationBuilder.CreateIndex(
                name: "ix_drug_deliveries_village_code_delivered_on",
                table: "drug_deliveries",
                columns: new[] { "village_code", "delivered_on" });

            migrationBuilder.CreateIndex(
                name: "ix_hospital_claims_discharged_on",
                table: "hospital_claims",
                column: "discharged_on");

            migrationBuilder.CreateIndex(
                name: "ix_hospital_claims_household_id",
                table: "hospital_claims",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_hospital_claims_member_id",
                table: "hospital_claims",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ux_hospital_claims_settlement_number",
                table: "hospital_claims",
                column: "settlement_number",
                unique: true,
                filter: "settlement_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_income_records_household_id_year",
                table: "income_records",
                columns: new[] { "household_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_insurance_enrolments_household_id_year",
                table: "insurance_enrolments",
                columns: new[] { "household_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_insurance_enrolments_year",
                table: "insurance_enrolments",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ux_insurance_enrolments_member_year",
                table: "insurance_enrolments",
                columns: new[] { "member_id", "year" },
                unique: true);

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
                name: "ix_protection_covers_household_id",
                table: "protection_covers",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_protection_payouts_household_id_policy_id_cause",
                table: "protection_payouts",
                columns: new[] { "household_id", "policy_id", "cause" });

            migrationBuilder.CreateIndex(
                name: "ix_protection_payouts_policy_id",
                table: "protection_payouts",
                column: "policy_id");

            migrationBuilder.CreateIndex(
                name: "ux_protection_payouts_claim_number",
                table: "protection_payouts",
                column: "claim_number",
                unique: true,
                filter: "claim_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_protection_policies_policy_number",
                table: "protection_policies",
                column: "policy_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_protection_policies_year",
                table: "protection_policies",
                column: "year",
                unique: true);

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
                name: "assistance_applications");

            migrationBuilder.DropTable(
                name: "assistance_payments");

            migrationBuilder.DropTable(
                name: "disability_assessments");

            migrationBuilder.DropTable(
                name: "drug_deliveries");

            migrationBuilder.DropTable(
                name: "hospital_claims");

            migrationBuilder.DropTable(
                name: "idempotent_requests");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "income_records");

            migrationBuilder.DropTable(
                name: "insurance_enrolments");

            migrationBuilder.DropTable(
                name: "means_checks");

            migrationBuilder.DropTable(
                name: "medical_guarantees");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "patient_years");

            migrationBuilder.DropTable(
                name: "protection_covers");

            migrationBuilder.DropTable(
                name: "protection_payouts");

            migrationBuilder.DropTable(
                name: "replica_members");

            migrationBuilder.DropTable(
                name: "assistance_enrolments");

            migrationBuilder.DropTable(
                name: "chronic_certificates");

            migrationBuilder.DropTable(
                name: "protection_policies");

            migrationBuilder.DropTable(
                name: "replica_households");
        }
    }
}
